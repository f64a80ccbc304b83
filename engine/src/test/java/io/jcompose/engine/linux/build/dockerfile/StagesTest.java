package io.jcompose.engine.linux.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which stages a target needs, and in which order they are built. */
class StagesTest {

    private static final Dockerfile FILE = Dockerfile.parse("""
            ARG BASE=deps
            FROM alpine AS deps
            RUN echo deps
            FROM deps AS build
            COPY --from=tools /bin/tool /bin/
            FROM golang AS tools
            FROM scratch AS unrelated
            FROM alpine AS test
            RUN --mount=type=bind,from=build,target=/b --mount=type=cache,from=0,target=/c true
            FROM ${BASE} AS final
            COPY --from=1 /out /out
            COPY --from=busybox:1.36 /bin/busybox /bin/
            """, "Dockerfile");

    private static Stage stage(String name) {
        return FILE.stage(name).orElseThrow();
    }

    @Test
    void stage_byNameOrIndex() {
        assertThat(stage("deps").index()).isZero();
        assertThat(stage("BUILD").index()).isEqualTo(1);
        assertThat(stage("3").name()).contains("unrelated");
        assertThat(FILE.stage("9")).isEmpty();
        assertThat(FILE.stage("busybox:1.36")).isEmpty();
        assertThat(stage("final").displayName()).isEqualTo("final");
    }

    @Test
    void stagesFor_dependenciesFirstThroughFromAndCopyFrom() {
        assertThat(FILE.stagesFor(stage("build"))).extracting(Stage::displayName)
                .containsExactly("deps", "tools", "build");
        assertThat(FILE.stagesFor(stage("unrelated"))).extracting(Stage::displayName).containsExactly("unrelated");
    }

    @Test
    void stagesFor_throughRunMountsFrom() {
        assertThat(FILE.stagesFor(stage("test"))).extracting(Stage::displayName)
                .containsExactly("deps", "tools", "build", "test");
    }

    @Test
    void stagesFor_resolvesWordsWhenTheCallerExpandsThem() {
        assertThat(FILE.stagesFor(stage("final"))).as("${BASE} unexpanded is an image").extracting(Stage::displayName)
                .containsExactly("deps", "tools", "build", "final");
        Map<String, String> globals = Map.of("BASE", "unrelated");
        assertThat(FILE.stagesFor(stage("final"), word -> WordExpander.expand(word,
                name -> Optional.ofNullable(globals.get(name))))).extracting(Stage::displayName)
                .containsExactly("unrelated", "deps", "tools", "build", "final");
    }

    @Test
    void fromNamesOnlyAnEarlierStage() {
        Dockerfile file = Dockerfile.parse("FROM later AS first\nFROM alpine AS later\n", "Dockerfile");
        assertThat(file.stagesFor(file.stage("first").orElseThrow())).extracting(Stage::displayName)
                .containsExactly("first");
    }

    @Test
    void aCycleThroughCopyFromIsAnError() {
        Dockerfile file = Dockerfile.parse("FROM alpine AS a\nCOPY --from=b x y\nFROM alpine AS b\nCOPY --from=a x y\n",
                "Dockerfile");
        assertThatThrownBy(() -> file.stagesFor(file.stage("b").orElseThrow()))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile:3: FROM: circular dependency detected on stage: b");
    }
}
