package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeTest {

    @TempDir
    Path dir;

    @Test
    void load_includeString_importsResourcesWithTheirOwnPaths() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("db/compose.yaml", """
                        services:
                          db:
                            build: .
                            volumes: ["data:/var/lib/db", "./init:/init"]
                        volumes:
                          data: {}
                        """)
                .compose("""
                        name: shop
                        include:
                          - db/compose.yaml
                        services:
                          web: {image: nginx, depends_on: [db]}
                        """);

        assertThat(fixture.serviceOf("db")).isEqualTo(yaml("""
                build: {context: ${DIR}/db, dockerfile: Dockerfile}
                volumes:
                  - {type: volume, source: data, target: /var/lib/db, volume: {}}
                  - {type: bind, source: ${DIR}/db/init, target: /init, bind: {create_host_path: true}}
                networks: {default: null}
                """.replace("${DIR}", dir.toString())));
        assertThat(fixture.document().get("volumes")).isEqualTo(yaml("{data: {name: shop_data}}"));
    }

    @Test
    void load_includeLongForm_usesProjectDirectoryAndEnvFile() {
        ComposeFixture fixture = ComposeFixture.in(dir).env(Map.of("SHELL_WINS", "shell"))
                .write("modules/cache.yaml", """
                        services:
                          cache:
                            image: "redis:${REDIS_TAG}"
                            environment: {W: "${SHELL_WINS}"}
                            volumes: ["./conf:/conf"]
                        """)
                .write("cache.env", "REDIS_TAG=7\nSHELL_WINS=file\n")
                .compose("""
                        include:
                          - path: modules/cache.yaml
                            project_directory: .
                            env_file: cache.env
                        services:
                          web: {image: nginx}
                        """);

        assertThat(fixture.serviceOf("cache")).isEqualTo(yaml("""
                image: redis:7
                environment: {W: shell}
                volumes:
                  - {type: bind, source: ${DIR}/conf, target: /conf, bind: {create_host_path: true}}
                networks: {default: null}
                """.replace("${DIR}", dir.toString())));
    }

    @Test
    void load_includedProjectDotEnv_isUsedForItsInterpolation() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("sub/compose.yaml", "services:\n  sub: {image: \"img:${SUB_TAG}\"}\n")
                .write("sub/.env", "SUB_TAG=3\n")
                .compose("include: [sub/compose.yaml]\nservices:\n  web: {image: nginx}\n");

        assertThat(fixture.serviceOf("sub").get("image")).isEqualTo("img:3");
    }

    @Test
    void load_includeEnvFileDevNull_skipsTheDefaultDotEnv() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("sub/compose.yaml", "services:\n  sub: {image: \"img:${SUB_TAG:-none}\"}\n")
                .write("sub/.env", "SUB_TAG=3\n")
                .compose("include: [{path: sub/compose.yaml, env_file: /dev/null}]\nservices:\n  web: {image: x}\n");

        assertThat(fixture.serviceOf("sub").get("image")).isEqualTo("img:none");
    }

    @Test
    void load_includeMissingEnvFile_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("sub/compose.yaml", "services:\n  sub: {image: x}\n")
                .compose("include: [{path: sub/compose.yaml, env_file: nope.env}]\nservices: {}\n");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessage("include[0].env_file: env file nope.env not found");
    }

    @Test
    void load_includeConflictingService_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("other.yaml", "services:\n  web: {image: httpd}\n")
                .compose("include: [other.yaml]\nservices:\n  web: {image: nginx}\n");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessage("compose.yaml:3:3: services.web: conflicts with the one imported from other.yaml"
                        + " (rename one of them)");
    }

    @Test
    void load_includeIdenticalResource_isAccepted() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("other.yaml", "services:\n  o: {image: x, networks: [shared]}\nnetworks:\n  shared: {}\n")
                .compose("include: [other.yaml]\nservices:\n  web: {image: nginx, networks: [shared]}\n"
                        + "networks:\n  shared: {}\n");

        assertThat(fixture.load().networks()).containsOnlyKeys("shared");
    }

    @Test
    void load_includeCycle_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("a.yaml", "include: [b.yaml]\nservices:\n  a: {image: x}\n")
                .write("b.yaml", "include: [a.yaml]\nservices:\n  b: {image: x}\n")
                .compose("include: [a.yaml]\nservices:\n  web: {image: nginx}\n");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessageContaining("include cycle detected: ")
                .hasMessageContaining("a.yaml -> ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void load_includeMissingFile_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("include: [missing.yaml]\nservices: {}\n");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessageContaining("missing.yaml");
    }
}
