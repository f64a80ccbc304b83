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

class EnvironmentTest {

    private static final Map<String, String> SHELL = Map.of("FROM_SHELL", "shell-value", "TAG", "1.2");

    @TempDir
    Path dir;

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("environment: [A=1, B=two words, C=]", "{A: \"1\", B: two words, C: \"\"}"),
                Arguments.of("environment: [\"A=x=y\"]", "{A: x=y}"),
                Arguments.of("environment: [FROM_SHELL]", "{FROM_SHELL: shell-value}"),
                Arguments.of("environment: [NOT_SET]", "{NOT_SET: null}"),
                Arguments.of("environment: [A=1, A=2]", "{A: \"2\"}"),
                Arguments.of("environment: {A: 1, B: true, C: 1.5, D: \"\", E: null}",
                        "{A: \"1\", B: \"true\", C: \"1.5\", D: \"\", E: null}"),
                Arguments.of("environment: {FROM_SHELL: null}", "{FROM_SHELL: shell-value}"),
                Arguments.of("environment: {FROM_SHELL: }", "{FROM_SHELL: shell-value}"),
                Arguments.of("environment: {VERSION: \"${TAG}\"}", "{VERSION: \"1.2\"}"),
                Arguments.of("environment: {PRICE: \"$$5\"}", "{PRICE: $5}"),
                Arguments.of("environment: []", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void load_environment_becomesMapping(String snippet, String expected) {
        ComposeFixture fixture = ComposeFixture.in(dir).env(SHELL).service(snippet);

        assertThat(fixture.webAttribute("environment")).isEqualTo(expected == null ? null : yaml(expected));
    }

    @Test
    void load_envFiles_laterFileThenEnvironmentWin() {
        ComposeFixture fixture = ComposeFixture.in(dir).env(SHELL)
                .write("a.env", "A=from-a\nB=from-a\nC=from-a\n")
                .write("b.env", "# comment\nB=from-b\nexport C=\"from b\"\nD=${FROM_SHELL}-${A}\n")
                .service("""
                        env_file: [a.env, ./b.env]
                        environment:
                          C: explicit
                        """);

        assertThat(fixture.webAttribute("environment")).isEqualTo(yaml(
                "{A: from-a, B: from-b, C: explicit, D: shell-value-from-a}"));
        assertThat(fixture.serviceOf("web")).doesNotContainKey("env_file");
    }

    @Test
    void load_envFileString_isOneFile() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("app.env", "X=1\n").service("env_file: app.env");

        assertThat(fixture.webAttribute("environment")).isEqualTo(yaml("{X: \"1\"}"));
    }

    @Test
    void load_envFileNotRequiredAndMissing_isSkipped() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("app.env", "X=1\n").service("""
                env_file:
                  - path: missing.env
                    required: false
                  - path: app.env
                """);

        assertThat(fixture.webAttribute("environment")).isEqualTo(yaml("{X: \"1\"}"));
    }

    @Test
    void load_envFileRequiredAndMissing_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).service("env_file: [missing.env]");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessageContaining("services.web.env_file[0]: env file " + dir.resolve("missing.env")
                        + " not found");
    }

    @Test
    void load_bareVariableUnsetButInEnvFile_explicitNullWins() {
        // compose-go lays the explicit environment over the env files, unresolved entries included
        ComposeFixture fixture = ComposeFixture.in(dir).write("app.env", "X=from-file\n").service("""
                env_file: app.env
                environment: [X]
                """);

        assertThat(fixture.webAttribute("environment")).isEqualTo(yaml("{X: null}"));
    }

    @Test
    void load_envFileSeesExplicitEnvironment_whenInterpolating() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("app.env", "URL=http://${HOST}/\n").service("""
                env_file: app.env
                environment: {HOST: db}
                """);

        assertThat(fixture.webAttribute("environment")).isEqualTo(yaml("{HOST: db, URL: \"http://db/\"}"));
    }

    @Test
    void environment_typedView_dropsUnsetVariables() {
        ComposeFixture fixture = ComposeFixture.in(dir).service("environment: [A=1, UNSET]");

        assertThat(fixture.load().services().get("web").environment()).containsExactly(Map.entry("A", "1"));
    }

    @Test
    void load_buildArgsBareKey_takenFromEnvironmentOrDropped() {
        ComposeFixture fixture = ComposeFixture.in(dir).env(SHELL).service("""
                build:
                  context: .
                  args: [FROM_SHELL, NOT_SET, GIVEN=1]
                """);

        assertThat(fixture.webAttribute("build")).isEqualTo(yaml("""
                {context: %s, dockerfile: Dockerfile, args: {FROM_SHELL: shell-value, GIVEN: "1"}}
                """.formatted(dir)));
    }
}
