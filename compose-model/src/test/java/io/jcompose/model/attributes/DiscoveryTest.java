package io.jcompose.model.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.Project;
import io.jcompose.model.load.LoadOptions;
import io.jcompose.model.load.ProjectLoader;
import io.jcompose.model.source.ComposeFileException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which files make the project, and which directory it lives in. */
class DiscoveryTest {

    @TempDir
    Path dir;

    private static String service(String image) {
        return "services:\n  web: {image: " + image + "}\n";
    }

    static Stream<Arguments> preferences() {
        return Stream.of(
                Arguments.of(List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"),
                        "compose.yaml"),
                Arguments.of(List.of("compose.yml", "docker-compose.yml", "docker-compose.yaml"), "compose.yml"),
                Arguments.of(List.of("docker-compose.yml", "docker-compose.yaml"), "docker-compose.yml"),
                Arguments.of(List.of("docker-compose.yaml"), "docker-compose.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preferences")
    void load_severalCandidates_takesDockerComposesFavourite(List<String> present, String chosen) {
        ComposeFixture fixture = ComposeFixture.in(dir);
        present.forEach(f -> fixture.write(f, service(f.replace('.', '-'))));

        Project project = fixture.loadOnly();

        assertThat(project.configFiles()).containsExactly(dir.resolve(chosen));
        if (present.size() > 1) {
            assertThat(fixture.warnings()).anyMatch(w -> w.startsWith("Found multiple config files"));
        }
    }

    @Test
    void load_overrideNames_ymlBeforeYaml() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("compose.yaml", service("base"))
                .write("compose.override.yaml", service("yaml")).write("compose.override.yml", service("yml"));

        Project project = fixture.loadOnly();

        assertThat(project.configFiles()).containsExactly(dir.resolve("compose.yaml"),
                dir.resolve("compose.override.yml"));
        assertThat(project.services().get("web").image()).contains("yml");
    }

    @Test
    void load_fromSubdirectory_findsFileInParentAndUsesItsDirectory() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("compose.yaml", """
                services:
                  web: {image: nginx, build: ./app}
                """).write("app/src/.keep", "");

        Project project = ProjectLoader.load(LoadOptions.in(dir.resolve("app/src")).withEnvironment(Map.of()));

        assertThat(project.workingDir()).isEqualTo(dir);
        assertThat(project.name()).isEqualTo(ProjectNameTest.expectedName(dir));
        assertThat(project.services().get("web").build().orElseThrow().context())
                .isEqualTo(dir.resolve("app").toString());
    }

    @Test
    void load_composeFileVariable_listsFilesWithSeparator() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("a.yaml", service("a"))
                .write("b.yaml", "services:\n  web: {environment: [B=1]}\n")
                .env(Map.of("COMPOSE_FILE", "a.yaml:b.yaml"));

        Project project = fixture.loadOnly();

        assertThat(project.configFiles()).containsExactly(dir.resolve("a.yaml"), dir.resolve("b.yaml"));
        assertThat(project.services().get("web").environment()).containsEntry("B", "1");
    }

    @Test
    void load_composeFileVariable_customSeparator() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("a.yaml", service("a")).write("b.yaml", service("b"))
                .env(Map.of("COMPOSE_FILE", "a.yaml;b.yaml", "COMPOSE_PATH_SEPARATOR", ";"));

        assertThat(fixture.loadOnly().services().get("web").image()).contains("b");
    }

    @Test
    void load_composeFileInDotEnv_isUsed() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("other.yaml", service("other"))
                .write(".env", "COMPOSE_FILE=other.yaml\n");

        assertThat(fixture.loadOnly().services().get("web").image()).contains("other");
    }

    @Test
    void load_explicitFiles_winOverComposeFileVariable() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("a.yaml", service("a")).write("b.yaml", service("b"))
                .env(Map.of("COMPOSE_FILE", "a.yaml")).options(o -> o.withFiles(List.of("b.yaml")));

        assertThat(fixture.loadOnly().services().get("web").image()).contains("b");
    }

    @Test
    void load_stdin_isReadAndPathsAreRelativeToWorkingDir() {
        String text = "services:\n  web: {image: nginx, volumes: [\"./data:/data\"]}\n";
        ComposeFixture fixture = ComposeFixture.in(dir).options(o -> o.withFiles(List.of("-"))
                .withStdin(() -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));

        Project project = fixture.load();

        assertThat(project.workingDir()).isEqualTo(dir);
        assertThat(project.configFiles()).isEmpty();
        assertThat(project.services().get("web").volumes().getFirst().source())
                .contains(dir.resolve("data").toString());
    }

    @Test
    void load_projectDirectory_isBaseForPathsAndDotEnv() {
        ComposeFixture fixture = ComposeFixture.in(dir)
                .write("files/compose.yaml", "services:\n  web: {image: \"nginx:${TAG}\", build: ./app}\n")
                .write("elsewhere/.env", "TAG=from-elsewhere\n")
                .options(o -> o.withFiles(List.of("files/compose.yaml")).withProjectDirectory(Path.of("elsewhere")));

        Project project = fixture.loadOnly();

        assertThat(project.workingDir()).isEqualTo(dir.resolve("elsewhere"));
        assertThat(project.name()).isEqualTo("elsewhere");
        assertThat(project.services().get("web").image()).contains("nginx:from-elsewhere");
        assertThat(project.services().get("web").build().orElseThrow().context())
                .isEqualTo(dir.resolve("elsewhere/app").toString());
    }

    @Test
    void load_projectDirectoryWithoutFiles_looksThere() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("proj/compose.yaml", service("there"))
                .options(o -> o.withProjectDirectory(Path.of("proj")));

        assertThat(fixture.loadOnly().services().get("web").image()).contains("there");
    }

    @Test
    void load_noFile_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir);

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessageStartingWith("no configuration file provided: not found");
    }

    @Test
    void load_missingExplicitFile_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).options(o -> o.withFiles(List.of("nope.yaml")));

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessage("open " + dir.resolve("nope.yaml") + ": no such file or directory (check -f or"
                        + " COMPOSE_FILE)");
    }

    @Test
    void load_directoryAsFile_failsWithComposeFileException() {
        ComposeFixture fixture = ComposeFixture.in(dir).write("sub/x", "")
                .options(o -> o.withFiles(List.of("sub")));

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessageStartingWith("cannot read sub: ");
    }
}
