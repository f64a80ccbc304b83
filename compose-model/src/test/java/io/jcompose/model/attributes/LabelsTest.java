package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelsTest {

    @TempDir
    Path dir;

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("labels: [com.example.a=1, com.example.b]", "{com.example.a: \"1\", com.example.b: \"\"}"),
                Arguments.of("labels: {a: 1, b: true, c: \"\"}", "{a: \"1\", b: \"true\", c: \"\"}"),
                Arguments.of("labels: [\"x=a=b\"]", "{x: a=b}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void load_labels_becomeMapping(String snippet, String expected) {
        ComposeFixture fixture = ComposeFixture.in(dir).service(snippet);

        assertThat(fixture.webAttribute("labels")).isEqualTo(yaml(expected));
    }

    @Test
    void load_labelFile_isReadUnderExplicitLabels() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("app.labels", "a=from-file\nb=from-file\n").service("""
                label_file: app.labels
                labels: {b: explicit}
                """);

        assertThat(fixture.webAttribute("labels")).isEqualTo(yaml("{a: from-file, b: explicit}"));
        assertThat(fixture.serviceOf("web")).doesNotContainKey("label_file");
    }

    @Test
    void load_resourceLabels_becomeMappings() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web: {image: nginx, networks: [front], volumes: ["data:/data"], deploy: {labels: [d=1]}}
                networks:
                  front: {labels: [n=1]}
                volumes:
                  data: {labels: {v: 1}}
                """);

        assertThat(fixture.serviceOf("web").get("deploy")).isEqualTo(yaml("{labels: {d: \"1\"}}"));
        assertThat(fixture.document().get("networks")).isEqualTo(yaml(
                "{front: {name: %s_front, labels: {n: \"1\"}}}".formatted(fixture.load().name())));
        assertThat(fixture.document().get("volumes")).isEqualTo(yaml(
                "{data: {name: %s_data, labels: {v: \"1\"}}}".formatted(fixture.load().name())));
    }
}
