package io.jcompose.model.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.load.ProjectNames;
import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectNameTest {

    @TempDir
    Path dir;

    static String expectedName(Path directory) {
        return ProjectNames.normalize(directory.getFileName().toString());
    }

    @Test
    void load_nameOrder_flagThenVariableThenFileThenDirectory() {
        String compose = "name: from-file\nservices:\n  web: {image: x}\n";

        assertThat(ComposeFixture.in(dir).compose(compose).options(o -> o.withProjectName("flag"))
                .env(Map.of("COMPOSE_PROJECT_NAME", "variable")).loadOnly().name()).isEqualTo("flag");
        assertThat(ComposeFixture.in(dir).compose(compose).env(Map.of("COMPOSE_PROJECT_NAME", "variable"))
                .loadOnly().name()).isEqualTo("variable");
        assertThat(ComposeFixture.in(dir).compose(compose).loadOnly().name()).isEqualTo("from-file");
        assertThat(ComposeFixture.in(dir).compose("services:\n  web: {image: x}\n").loadOnly().name())
                .isEqualTo(expectedName(dir));
    }

    @Test
    void load_nameFromDotEnvVariable_counts() {
        ComposeFixture fixture = ComposeFixture.in(dir).write(".env", "COMPOSE_PROJECT_NAME=dotenv\n")
                .compose("services:\n  web: {image: x}\n");

        assertThat(fixture.loadOnly().name()).isEqualTo("dotenv");
    }

    @Test
    void load_nameInFile_isInterpolatedAndNormalised() {
        ComposeFixture fixture = ComposeFixture.in(dir).env(Map.of("STAGE", "QA"))
                .compose("name: \"My Shop ${STAGE}\"\nservices:\n  web: {image: x}\n");

        assertThat(fixture.load().name()).isEqualTo("myshopqa");
        assertThat(fixture.document().get("name")).isEqualTo("myshopqa");
    }

    @Test
    void load_laterFileName_wins() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("a.yaml", "name: first\nservices:\n  web: {image: x}\n")
                .write("b.yaml", "name: second\n").options(o -> o.withFiles(java.util.List.of("a.yaml", "b.yaml")));

        assertThat(fixture.loadOnly().name()).isEqualTo("second");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"My Project, myproject", "_hidden, hidden", "-dash, dash", "Ünïcode.App, ncodeapp",
            "a_b-c, a_b-c", "1st, 1st"})
    void normalize_directoryNames(String raw, String expected) {
        assertThat(ProjectNames.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void load_directoryNameWithCapitals_isNormalised() {
        Path project = dir.resolve("My_App");
        ComposeFixture fixture = ComposeFixture.in(project).compose("services:\n  web: {image: x}\n");

        assertThat(fixture.loadOnly().name()).isEqualTo("my_app");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("flag", "My Project", "invalid project name \"My Project\" from -p"),
                Arguments.of("flag", "_x", "invalid project name \"_x\" from -p"),
                Arguments.of("env", "UPPER", "invalid project name \"UPPER\" from COMPOSE_PROJECT_NAME"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalid")
    void load_invalidExplicitName_fails(String source, String name, String message) {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("services:\n  web: {image: x}\n");
        if (source.equals("flag")) {
            fixture.options(o -> o.withProjectName(name));
        } else {
            fixture.env(Map.of("COMPOSE_PROJECT_NAME", name));
        }

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void load_nameWithNothingUsable_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("name: \"!!!\"\nservices:\n  web: {image: x}\n");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessageContaining("project name");
    }
}
