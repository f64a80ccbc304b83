package io.jcompose.model.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.Project;
import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where interpolation takes its variables from: shell over --env-file over .env. */
class EnvironmentPrecedenceTest {

    private static final String COMPOSE = """
            services:
              web:
                image: nginx
                environment:
                  A: "${A:-unset}"
                  B: "${B:-unset}"
                  C: "${C:-unset}"
            """;

    @TempDir
    Path dir;

    @Test
    void load_shellBeatsDotEnv() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose(COMPOSE).write(".env", "A=dotenv\nB=dotenv\n")
                .env(Map.of("A", "shell"));

        assertThat(fixture.loadOnly().services().get("web").environment())
                .containsExactlyInAnyOrderEntriesOf(Map.of("A", "shell", "B", "dotenv", "C", "unset"));
    }

    @Test
    void load_envFileReplacesDotEnv_laterFilesWin() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose(COMPOSE)
                .write(".env", "C=dotenv\n")
                .write("one.env", "A=one\nB=one\n")
                .write("two.env", "B=two\n")
                .env(Map.of("A", "shell"))
                .options(o -> o.withEnvFiles(List.of("one.env", "two.env")));

        Project project = fixture.loadOnly();

        assertThat(project.services().get("web").environment())
                .containsExactlyInAnyOrderEntriesOf(Map.of("A", "shell", "B", "two", "C", "unset"));
        assertThat(project.envFiles()).containsExactly(dir.resolve("one.env"), dir.resolve("two.env"));
    }

    @Test
    void load_dotEnvValuesMayReferToShellAndEarlierLines() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose(COMPOSE)
                .write(".env", "A=${HOST_PART}-x\nB=${A}-y\n").env(Map.of("HOST_PART", "h"));

        assertThat(fixture.loadOnly().services().get("web").environment())
                .containsEntry("A", "h-x").containsEntry("B", "h-x-y");
    }

    @Test
    void load_missingEnvFile_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose(COMPOSE)
                .options(o -> o.withEnvFiles(List.of("missing.env")));

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessage("couldn't find env file: " + dir.resolve("missing.env") + " (check --env-file)");
    }

    @Test
    void load_unsetVariable_warnsOncePerVariable() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .compose("services:\n  web: {image: \"$IMG\", environment: [\"X=${IMG}\", \"Y=$OTHER\"]}\n");

        fixture.loadOnly();

        assertThat(fixture.warnings()).containsExactly(
                "The \"IMG\" variable is not set. Defaulting to a blank string.",
                "The \"OTHER\" variable is not set. Defaulting to a blank string.");
    }

    @Test
    void load_requiredVariableMissing_failsWithItsMessage() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .compose("services:\n  web:\n    image: \"${IMAGE:?set IMAGE to the image to run}\"\n");

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessage("compose.yaml:3:12: services.web.image: required variable IMAGE is missing a value:"
                        + " set IMAGE to the image to run");
    }

    @Test
    void project_environment_holdsWhatInterpolationSaw() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose(COMPOSE).write(".env", "B=dotenv\n")
                .env(Map.of("A", "shell"));

        assertThat(fixture.loadOnly().environment()).containsEntry("A", "shell").containsEntry("B", "dotenv");
    }
}
