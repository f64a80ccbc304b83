package io.jcompose.model.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.source.YamlSyntaxException;
import org.junit.jupiter.api.Test;

/**
 * Files without merge keys are built from parser events, files with them by SnakeYAML's composer: both ways must give
 * the same tree (values, tags, locations) and the same messages.
 */
class YamlReaderPathsTest {

    private static final String BODY = """
            services:
              web:
                image: &img "nginx:${TAG:-1}"
                ports: ["80:80", 443]
                environment: {A: 1, B: ~, C: 'x', D: 0755, E: 1.50, F: true}
                labels: !override {team: a}
                healthcheck: {test: [CMD, true], interval: 10s}
                command: !reset null
              db:
                image: *img
                volumes: &vols
                  - data:/data
                  - type: bind
                    source: ./conf
                    target: /etc/conf
              cache:
                volumes: *vols
            """;

    /** The same text with a merge key at the end, which sends the whole file to the composer. */
    private static final String WITH_MERGE = BODY + "x-merged:\n  <<: {z: 1}\n";

    @Test
    void eventsAndComposer_buildTheSameTree() {
        YamlMap fromEvents = (YamlMap) YamlReader.read(BODY, "compose.yaml");
        YamlMap fromComposer = (YamlMap) YamlReader.read(WITH_MERGE, "compose.yaml");

        assertThat(fromComposer.entries().get("services")).isEqualTo(fromEvents.entries().get("services"));
        assertThat(fromComposer.keyLocations().get("services")).isEqualTo(fromEvents.keyLocations().get("services"));
        assertThat(((YamlMap) fromComposer.entries().get("x-merged")).entries()).containsOnlyKeys("z");
    }

    @Test
    void mergeTags_areReported_onEitherPath() {
        assertThat(YamlReader.readDocuments(BODY, "c.yaml").mergeTags()).isTrue();
        assertThat(YamlReader.readDocuments(WITH_MERGE, "c.yaml").mergeTags()).isTrue();
        assertThat(YamlReader.readDocuments("services: {web: {image: x}}\n", "c.yaml").mergeTags()).isFalse();
        assertThat(YamlReader.readDocuments("a: {<<: {b: 1}}\n", "c.yaml").mergeTags()).isFalse();
    }

    @Test
    void syntaxErrorLaterInTheDocument_winsOverADuplicateKey_onEitherPath() {
        String text = "a: 1\na: 2\nb: [\n";

        assertThatThrownBy(() -> YamlReader.readAll(text, "c.yaml")).isInstanceOf(YamlSyntaxException.class)
                .hasMessageContaining("invalid YAML");
        assertThatThrownBy(() -> YamlReader.readAll(text + "x: {<<: {b: 1}}\n", "c.yaml"))
                .isInstanceOf(YamlSyntaxException.class).hasMessageContaining("invalid YAML");
        assertThatThrownBy(() -> YamlReader.readAll("a: 1\na: 2\n", "c.yaml")).isInstanceOf(YamlSyntaxException.class)
                .hasMessage("c.yaml:2:1: duplicate key \"a\" (first defined at line 1)");
    }

    @Test
    void undefinedAlias_readsAsTheComposerSaysIt() {
        assertThatThrownBy(() -> YamlReader.readAll("a: *nope\n", "c.yaml"))
                .isInstanceOf(YamlSyntaxException.class)
                .hasMessageStartingWith("c.yaml:1:4: invalid YAML: found undefined alias nope");
    }

    @Test
    void anAliasedNode_isShared_notCopied() {
        YamlMap root = (YamlMap) YamlReader.read(BODY, "compose.yaml");
        YamlMap services = (YamlMap) root.entries().get("services");

        assertThat(((YamlMap) services.entries().get("cache")).entries().get("volumes"))
                .isSameAs(((YamlMap) services.entries().get("db")).entries().get("volumes"));
    }
}
