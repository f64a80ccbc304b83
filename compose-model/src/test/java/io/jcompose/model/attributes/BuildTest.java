package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.Build;
import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuildTest {

    @TempDir
    Path dir;

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("build: .", "{context: ${DIR}, dockerfile: Dockerfile}"),
                Arguments.of("build: ./app", "{context: ${DIR}/app, dockerfile: Dockerfile}"),
                Arguments.of("build: {dockerfile: web.Dockerfile}", "{context: ${DIR}, dockerfile: web.Dockerfile}"),
                Arguments.of("build: {context: app, dockerfile_inline: \"FROM alpine\"}",
                        "{context: ${DIR}/app, dockerfile_inline: FROM alpine}"),
                Arguments.of("build: {context: \"https://github.com/docker/app.git#main\"}",
                        "{context: \"https://github.com/docker/app.git#main\", dockerfile: Dockerfile}"),
                Arguments.of("build: {context: \"git@github.com:docker/app.git\"}",
                        "{context: \"git@github.com:docker/app.git\", dockerfile: Dockerfile}"),
                Arguments.of("build: {context: ., args: [A=1, B=two]}",
                        "{context: ${DIR}, dockerfile: Dockerfile, args: {A: \"1\", B: two}}"),
                Arguments.of("build: {context: ., args: {N: 1}, labels: [l=1], target: prod, tags: [a:1]}",
                        "{context: ${DIR}, dockerfile: Dockerfile, args: {N: \"1\"}, labels: {l: \"1\"},"
                                + " target: prod, tags: [\"a:1\"]}"),
                Arguments.of("build: {context: ., additional_contexts: {lib: ../lib, img: \"docker-image://alpine\"}}",
                        "{context: ${DIR}, dockerfile: Dockerfile, additional_contexts: {lib: ${PARENT}/lib,"
                                + " img: \"docker-image://alpine\"}}"),
                Arguments.of("build: {context: ., shm_size: 1g, extra_hosts: [\"b:2.2.2.2\", \"a=1.1.1.1\"]}",
                        "{context: ${DIR}, dockerfile: Dockerfile, shm_size: \"1073741824\","
                                + " extra_hosts: [a=1.1.1.1, b=2.2.2.2]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void load_build_becomesLongForm(String snippet, String expected) {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("services:\n  web:\n"
                + ComposeFixture.indent(snippet, 4));

        assertThat(fixture.webAttribute("build")).isEqualTo(yaml(expected.replace("${DIR}", dir.toString())
                .replace("${PARENT}", dir.getParent().toString())));
    }

    @Test
    void build_typedView_readsLongForm() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web:
                    build: {context: app, args: {A: "1"}, target: prod, no_cache: true}
                """);

        assertThat(fixture.load().services().get("web").build()).contains(new Build(dir.resolve("app").toString(),
                "Dockerfile", Optional.empty(), Map.of("A", "1"), Optional.of("prod"), Map.of(), List.of(), true,
                false));
    }

    @Test
    void load_neitherImageNorBuild_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("services:\n  web:\n    command: [true]\n");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessage("compose.yaml:3:5: services.web: has neither an image nor a build context"
                        + " (add image: or build:)");
    }

    @Test
    void load_dockerfileAndInline_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web:
                    build: {context: ., dockerfile: Dockerfile, dockerfile_inline: FROM alpine}
                """);

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessageContaining("services.web.build: dockerfile and dockerfile_inline cannot both be set");
    }
}
