package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.source.ComposeFileException;
import io.jcompose.model.source.CycleException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtendsTest {

    @TempDir
    Path dir;

    @Test
    void load_extendsInSameFile_mergesOverBase() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  base:
                    image: app:1
                    command: run --base
                    environment: {A: base, B: base}
                    ports: ["80"]
                    labels: [a=1]
                  web:
                    extends: base
                    command: run --web
                    environment: {B: web}
                    ports: ["443"]
                """);

        assertThat(fixture.serviceOf("web")).isEqualTo(yaml("""
                image: app:1
                command: [run, --web]
                environment: {A: base, B: web}
                ports:
                  - {mode: ingress, target: 80, protocol: tcp}
                  - {mode: ingress, target: 443, protocol: tcp}
                labels: {a: "1"}
                networks: {default: null}
                """));
    }

    @Test
    void load_extendsChain_resolvesInOrder() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  a: {image: a, environment: {X: a, Y: a, Z: a}}
                  b: {extends: {service: a}, environment: {Y: b}}
                  c: {extends: b, environment: {Z: c}}
                """);

        assertThat(fixture.serviceOf("c").get("environment")).isEqualTo(yaml("{X: a, Y: b, Z: c}"));
        assertThat(fixture.serviceOf("b").get("environment")).isEqualTo(yaml("{X: a, Y: b, Z: a}"));
    }

    @Test
    void load_extendsOtherFile_rebasesItsRelativePaths() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("common/base.yaml", """
                        services:
                          app:
                            build: .
                            env_file: app.env
                            volumes: ["./data:/data"]
                        """)
                .write("common/app.env", "FROM_FILE=yes\n")
                .compose("""
                        services:
                          web:
                            extends: {file: common/base.yaml, service: app}
                            volumes: ["./local:/local"]
                        """);

        assertThat(fixture.serviceOf("web")).isEqualTo(yaml("""
                build: {context: ${DIR}/common, dockerfile: Dockerfile}
                environment: {FROM_FILE: "yes"}
                volumes:
                  - {type: bind, source: ${DIR}/common/data, target: /data, bind: {create_host_path: true}}
                  - {type: bind, source: ${DIR}/local, target: /local, bind: {create_host_path: true}}
                networks: {default: null}
                """.replace("${DIR}", dir.toString())));
    }

    @Test
    void load_extendsOtherFileThatExtendsAgain_followsChain() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("lib/one.yaml", """
                        services:
                          one: {extends: {file: two.yaml, service: two}, environment: {ONE: "1"}}
                        """)
                .write("lib/two.yaml", """
                        services:
                          two: {image: two, build: ./ctx}
                        """)
                .compose("""
                        services:
                          web: {extends: {file: lib/one.yaml, service: one}}
                        """);

        assertThat(fixture.serviceOf("web")).isEqualTo(yaml("""
                image: two
                build: {context: ${DIR}/lib/ctx, dockerfile: Dockerfile}
                environment: {ONE: "1"}
                networks: {default: null}
                """.replace("${DIR}", dir.toString())));
    }

    @Test
    void load_extendsIsInterpolatedWithTheProjectEnvironment() {
        ComposeFixture fixture = ComposeFixture.in(dir).env(Map.of("TAG", "7"))
                .write("base.yaml", "services:\n  b: {image: \"app:${TAG}\"}\n")
                .compose("services:\n  web: {extends: {file: base.yaml, service: b}}\n");

        assertThat(fixture.serviceOf("web").get("image")).isEqualTo("app:7");
    }

    @Test
    void load_extendsCycle_failsNamingIt() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  a: {image: x, extends: b}
                  b: {extends: c}
                  c: {extends: a}
                """);

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(CycleException.class)
                .hasMessageContaining("circular reference with extends: a -> b -> c -> a");
    }

    @Test
    void load_extendsUnknownService_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("services:\n  web: {extends: nope}\n");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessage("compose.yaml:2:18: services.web.extends: cannot extend service \"nope\": no such"
                        + " service in compose.yaml");
    }

    @Test
    void load_extendsMissingFile_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .compose("services:\n  web: {extends: {file: nowhere.yaml, service: x}}\n");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessageContaining("services.web.extends.file: ")
                .hasMessageContaining("nowhere.yaml");
    }

    @Test
    void load_extendsWithReset_removesInheritedValue() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  base: {image: x, ports: ["80"], command: run}
                  web:
                    extends: base
                    ports: !reset []
                    command: !reset null
                """);

        assertThat(fixture.serviceOf("web")).doesNotContainKeys("ports", "command");
    }
}
