package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.source.ComposeFileException;
import io.jcompose.model.source.YamlSyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML itself: anchors and merge keys, extensions, tags, several documents, duplicate keys. */
class YamlFeaturesTest {

    @TempDir
    Path dir;

    @Test
    void load_anchorsAndMergeKeys_areExpanded() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                x-common: &common
                  image: app
                  restart: always
                  environment: &env {A: "1", B: "1"}
                x-logging: &logging
                  logging: {driver: local}
                services:
                  web:
                    <<: [*common, *logging]
                    restart: "no"
                  worker:
                    <<: *common
                    environment:
                      <<: *env
                      B: "2"
                """);

        assertThat(fixture.serviceOf("web")).isEqualTo(yaml("""
                image: app
                restart: "no"
                environment: {A: "1", B: "1"}
                logging: {driver: local}
                networks: {default: null}
                """));
        assertThat(fixture.serviceOf("worker").get("environment")).isEqualTo(yaml("{A: \"1\", B: \"2\"}"));
    }

    @Test
    void load_aliasOfScalarAndList_isCopied() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web: {image: &img nginx, ports: &ports ["80"]}
                  other: {image: *img, ports: *ports}
                """);

        assertThat(fixture.serviceOf("other").get("image")).isEqualTo("nginx");
        assertThat(fixture.serviceOf("other").get("ports")).isEqualTo(fixture.serviceOf("web").get("ports"));
    }

    @Test
    void load_extensions_areKeptEverywhere() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                name: shop
                x-top: {a: 1, b: [x]}
                services:
                  web: {image: nginx, x-svc: true, networks: [front]}
                networks:
                  front: {x-net: n}
                """);

        Map<String, Object> doc = fixture.document();
        assertThat(doc.get("x-top")).isEqualTo(yaml("{a: 1, b: [x]}"));
        assertThat(fixture.serviceOf("web").get("x-svc")).isEqualTo(true);
        assertThat(doc.get("networks")).isEqualTo(yaml("{front: {name: shop_front, x-net: n}}"));
    }

    @Test
    void load_severalDocuments_areMergedInOrder() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web: {image: nginx, environment: {A: "1"}}
                ---
                services:
                  web: {environment: {B: "2"}}
                """);

        assertThat(fixture.serviceOf("web").get("environment")).isEqualTo(yaml("{A: \"1\", B: \"2\"}"));
    }

    @Test
    void load_unquotedVariable_isAStringToInterpolate() {
        ComposeFixture fixture = ComposeFixture.in(dir).env(Map.of("IMAGE", "nginx:1", "PORT", "8080"))
                .compose("services:\n  web:\n    image: ${IMAGE}\n    ports:\n      - ${PORT}\n");

        assertThat(fixture.serviceOf("web").get("image")).isEqualTo("nginx:1");
        assertThat(fixture.serviceOf("web").get("ports"))
                .isEqualTo(yaml("[{mode: ingress, target: 8080, protocol: tcp}]"));
    }

    @Test
    void load_emptyFile_hasNoServices() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("# nothing yet\n");

        assertThat(fixture.loadOnly().services()).isEmpty();
    }

    @Test
    void load_versionAttribute_isIgnoredWithWarning() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("version: \"3.8\"\nservices:\n  web: {image: x}\n");

        assertThat(fixture.document()).doesNotContainKey("version");
        assertThat(fixture.warnings()).contains("compose.yaml: the attribute `version` is obsolete, it will be"
                + " ignored, please remove it to avoid potential confusion");
    }

    @Test
    void load_duplicateKey_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web:
                    image: a
                    image: b
                """);

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(YamlSyntaxException.class)
                .hasMessage("compose.yaml:4:5: services.web: duplicate key \"image\" (first defined at line 3)");
    }

    @Test
    void load_unknownTag_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("services:\n  web: {image: !env X}\n");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(YamlSyntaxException.class)
                .hasMessage("compose.yaml:2:16: services.web.image: unknown YAML tag !env (expected !reset or"
                        + " !override)");
    }

    @Test
    void load_recursiveAlias_failsWithoutHanging() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("x-a: &a\n  b: *a\nservices: {}\n");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class);
    }

    @Test
    void load_billionLaughs_isRefused() {
        StringBuilder text = new StringBuilder("x-0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            text.append("x-%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n"
                    .formatted(i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1));
        }
        ComposeFixture fixture = ComposeFixture.in(dir).compose(text + "services: {}\n");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class);
    }

    @Test
    void load_numbersAndBooleansAsStrings_keepDockerComposeMeaning() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web:
                    image: nginx
                    environment: {OCTAL: 0755, YES: yes, ON: on, FLOAT: 1.50, BIG: 12345678901234567890}
                    labels: {"on": "x"}
                """);

        assertThat(fixture.serviceOf("web").get("environment")).isEqualTo(yaml(
                "{OCTAL: \"493\", \"YES\": \"yes\", \"ON\": \"on\", FLOAT: \"1.5\", BIG: \"12345678901234567890\"}"));
    }
}
