package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Secrets and configs: their names, their sources, and how services mount them. */
class ResourceNamesTest {

    @TempDir
    Path dir;

    @Test
    void load_secretsAndConfigs_getNamesAndAbsoluteFiles() {
        ComposeFixture fixture = ComposeFixture.in(dir).env(Map.of("TOKEN", "t0k3n", "HOME", "/home/tester"));
        fixture.compose("""
                name: shop
                services:
                  web:
                    image: nginx
                    secrets: [db_pass, {source: token, target: /etc/token, mode: 0440}]
                    configs: [app_conf, {source: inline, target: /etc/inline.conf}]
                secrets:
                  db_pass: {file: ./secrets/db.txt}
                  token: {environment: TOKEN}
                  unused: {file: x}
                configs:
                  app_conf: {file: ~/app.conf}
                  inline: {content: "a=1"}
                """);

        assertThat(fixture.document().get("secrets")).isEqualTo(yaml("""
                db_pass: {name: shop_db_pass, file: %s/secrets/db.txt}
                token: {name: shop_token, environment: TOKEN}
                """.formatted(dir)));
        assertThat(fixture.document().get("configs")).isEqualTo(yaml("""
                app_conf: {name: shop_app_conf, file: /home/tester/app.conf}
                inline: {name: shop_inline, content: a=1}
                """));
        assertThat(fixture.webAttribute("secrets")).isEqualTo(yaml("""
                - {source: db_pass, target: /run/secrets/db_pass}
                - {source: token, target: /etc/token, mode: "0440"}
                """));
        assertThat(fixture.webAttribute("configs")).isEqualTo(yaml("""
                - {source: app_conf}
                - {source: inline, target: /etc/inline.conf}
                """));
    }

    @Test
    void load_homeInConfigFile_usesHomeVariable() {
        ComposeFixture fixture = ComposeFixture.in(dir).env(Map.of("HOME", "/home/tester")).compose("""
                services:
                  web: {image: nginx, configs: [app]}
                configs:
                  app: {file: ~/app.conf}
                """);

        assertThat(fixture.document().get("configs")).isEqualTo(yaml(
                "{app: {name: %s_app, file: /home/tester/app.conf}}".formatted(fixture.load().name())));
    }

    static Stream<Arguments> modes() {
        return Stream.of(Arguments.of("0440", "0440"), Arguments.of("\"440\"", "0440"),
                Arguments.of("\"0755\"", "0755"), Arguments.of("292", "0444"), Arguments.of("0o644", "0644"));
    }

    @ParameterizedTest(name = "mode: {0}")
    @MethodSource("modes")
    void load_fileMode_isOctal(String mode, String expected) {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web: {image: nginx, secrets: [{source: s, mode: %s}]}
                secrets:
                  s: {file: s.txt}
                """.formatted(mode));

        assertThat(fixture.webAttribute("secrets")).isEqualTo(yaml(
                "[{source: s, target: /run/secrets/s, mode: \"%s\"}]".formatted(expected)));
    }

    @Test
    void load_externalSecret_keepsItsName() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web: {image: nginx, secrets: [shared]}
                secrets:
                  shared: {external: true, name: org-wide}
                """);

        assertThat(fixture.document().get("secrets")).isEqualTo(yaml("{shared: {name: org-wide, external: true}}"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("secrets: [nope]", "secrets:\n  s: {file: x}",
                        "services.web.secrets[0]: refers to undefined secret \"nope\""),
                Arguments.of("configs: [nope]", "configs:\n  c: {file: x}",
                        "services.web.configs[0]: refers to undefined config \"nope\""),
                Arguments.of("secrets: [s]", "secrets:\n  s: {name: x}",
                        "secrets.s: has no content (expected one of file, environment, or external: true)"),
                Arguments.of("secrets: [s]", "secrets:\n  s: {file: x, environment: Y}",
                        "secrets.s: file, environment are mutually exclusive"),
                Arguments.of("configs: [c]", "configs:\n  c: {file: x, content: y}",
                        "configs.c: file, content are mutually exclusive"),
                Arguments.of("build: {context: ., secrets: [nope]}", "secrets:\n  s: {file: x}",
                        "services.web.build.secrets[0]: refers to undefined secret \"nope\""));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalid")
    void load_badReference_fails(String serviceLine, String topLevel, String message) {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("services:\n  web:\n    image: nginx\n    "
                + serviceLine + "\n" + topLevel + "\n");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class).hasMessageContaining(message);
    }
}
