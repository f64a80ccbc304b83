package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The switches of {@code config}: --no-interpolate, --no-normalize, --no-path-resolution, --no-consistency. */
class StagesTest {

    private static final String COMPOSE = """
            services:
              web:
                image: "nginx:${TAG}"
                ports: ["${PORT}:80"]
                mem_limit: ${MEM}
                volumes: ["./src:/src"]
                depends_on: [ghost]
            """;

    @TempDir
    Path dir;

    @Test
    void load_withoutInterpolation_keepsVariables() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose(COMPOSE.replace("depends_on: [ghost]", ""))
                .options(o -> o.withStages(false, true, true, true));

        var web = fixture.loadOnly().document().values();
        assertThat(web.toString()).contains("nginx:${TAG}", "${PORT}:80", "${MEM}");
    }

    @Test
    void load_withoutNormalization_hasNoDefaultsOrNames() {
        ComposeFixture fixture = ComposeFixture.in(dir).env(Map.of("TAG", "1", "PORT", "80", "MEM", "1g"))
                .compose(COMPOSE.replace("depends_on: [ghost]", "env_file: [x.env]"))
                .options(o -> o.withStages(true, false, true, true));

        Map<String, Object> doc = fixture.loadOnly().document().values();
        assertThat(doc).doesNotContainKey("networks");
        @SuppressWarnings("unchecked")
        Map<String, Object> web = (Map<String, Object>) ((Map<String, Object>) doc.get("services")).get("web");
        assertThat(web).doesNotContainKey("networks").containsKey("env_file");
    }

    @Test
    void load_withoutPathResolution_keepsRelativePaths() {
        ComposeFixture fixture = ComposeFixture.in(dir).env(Map.of("TAG", "1", "PORT", "80", "MEM", "1g"))
                .compose(COMPOSE.replace("depends_on: [ghost]", ""))
                .options(o -> o.withStages(true, true, false, true));

        @SuppressWarnings("unchecked")
        Map<String, Object> web = (Map<String, Object>) ((Map<String, Object>) fixture.loadOnly().document()
                .values().get("services")).get("web");
        assertThat(web.get("volumes")).isEqualTo(yaml(
                "[{type: bind, source: ./src, target: /src, bind: {create_host_path: true}}]"));
    }

    @Test
    void load_withoutConsistency_acceptsUndefinedReferences() {
        ComposeFixture fixture = ComposeFixture.in(dir).env(Map.of("TAG", "1", "PORT", "80", "MEM", "1g"))
                .compose(COMPOSE).options(o -> o.withStages(true, true, true, false));

        assertThat(fixture.loadOnly().services().get("web").dependencyNames()).containsExactly("ghost");
    }
}
