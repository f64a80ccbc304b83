package io.jcompose.model.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.model.Project;
import io.jcompose.model.load.LoadOptions;
import io.jcompose.model.load.ProjectLoader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code config/<scenario>/compose.yaml} (with whatever files sit next to it) prints exactly
 * {@code config/<scenario>/expected.yaml} (and, where present, {@code expected.json} for {@code --format json}),
 * in docker compose's canonical shape; {@code ${DIR}} there stands for the
 * scenario's directory. An optional {@code shell.env} holds the shell's variables (the real ones never leak in).
 * Run with {@code -Dgolden.update=true} to rewrite the expected files, then review the diff.
 */
class GoldenConfigTest {

    static Stream<String> scenarios() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void config_scenario_printsExpectedYaml(String scenario) throws Exception {
        Path dir = root().resolve(scenario);
        Project project = ProjectLoader.load(LoadOptions.in(dir).withEnvironment(shell(dir)));

        String actual = YamlEmitter.emit(project.document().values()).replace("$", "$$")
                .replace(dir.toString(), "${DIR}");

        Path expected = source(scenario).resolve("expected.yaml");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(expected));

        Path expectedJson = source(scenario).resolve("expected.json");
        if (Files.exists(expectedJson)) {
            String json = JsonEmitter.emit(project.document().values()).replace("$", "$$")
                    .replace(dir.toString(), "${DIR}");
            if (Boolean.getBoolean("golden.update")) {
                Files.writeString(expectedJson, json);
            }
            assertThat(json).isEqualTo(Files.readString(expectedJson));
        }
    }

    private static Map<String, String> shell(Path dir) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", "/home/user");
        Path file = dir.resolve("shell.env");
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        return env;
    }

    private static Path root() throws URISyntaxException {
        return Path.of(GoldenConfigTest.class.getResource("/config").toURI());
    }

    private static Path source(String scenario) throws URISyntaxException {
        Path src = root().getParent().getParent().getParent().resolve("src/test/resources/config").resolve(scenario);
        return Files.isDirectory(src) ? src : root().resolve(scenario);
    }
}
