package io.jcompose.model.attributes;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.model.Project;
import io.jcompose.model.emit.JsonEmitter;
import io.jcompose.model.emit.YamlEmitter;
import io.jcompose.model.load.LoadOptions;
import io.jcompose.model.load.ProjectLoader;
import io.jcompose.model.yaml.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A project in a temporary directory: files written from text blocks, loaded through {@link ProjectLoader} with a
 * fixed environment (the real one never leaks in), and checked to survive a {@code config} round trip in YAML and
 * in JSON (the emitted text loaded again gives an equal document).
 */
final class ComposeFixture {

    private final Path dir;
    private Map<String, String> env = Map.of();
    private UnaryOperator<LoadOptions> customize = o -> o;
    private final List<String> warnings = new ArrayList<>();

    private ComposeFixture(Path dir) {
        this.dir = dir;
    }

    static ComposeFixture in(Path dir) {
        return new ComposeFixture(dir);
    }

    Path dir() {
        return dir;
    }

    ComposeFixture write(String relative, String text) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** {@code compose.yaml} with the given text. */
    ComposeFixture compose(String text) {
        return write("compose.yaml", text);
    }

    /** {@code compose.yaml} holding one service {@code web} (image nginx) with these extra lines. */
    ComposeFixture service(String lines) {
        return compose("services:\n  web:\n    image: nginx\n" + indent(lines, 4));
    }

    ComposeFixture env(Map<String, String> variables) {
        this.env = variables;
        return this;
    }

    ComposeFixture options(UnaryOperator<LoadOptions> fn) {
        this.customize = fn;
        return this;
    }

    LoadOptions loadOptions() {
        return customize.apply(LoadOptions.in(dir).withEnvironment(env).withWarnings(warnings::add));
    }

    List<String> warnings() {
        return warnings;
    }

    /** Loads once, without round trips (for errors and for options that change what the output means). */
    Project loadOnly() {
        return ProjectLoader.load(loadOptions());
    }

    /** Loads, and checks that the YAML and JSON output of {@code config} load back to the same document. */
    Project load() {
        Project project = loadOnly();
        assertRoundTrips(project);
        return project;
    }

    Map<String, Object> document() {
        return load().document().values();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> serviceOf(String name) {
        return (Map<String, Object>) ((Map<String, Object>) document().get("services")).get(name);
    }

    Object webAttribute(String key) {
        return serviceOf("web").get(key);
    }

    void assertRoundTrips(Project project) {
        Map<String, Object> expected = project.document().values();
        LoadOptions original = loadOptions();
        assertThat(reload(configText(YamlEmitter.emit(expected)), "yaml", original))
                .as("YAML round trip of\n%s", YamlEmitter.emit(expected)).isEqualTo(expected);
        assertThat(reload(configText(JsonEmitter.emit(expected)), "json", original))
                .as("JSON round trip of\n%s", JsonEmitter.emit(expected)).isEqualTo(expected);
    }

    /** What {@code docker compose config} prints: the emitted text with every {@code $} doubled. */
    static String configText(String emitted) {
        return emitted.replace("$", "$$");
    }

    private Map<String, Object> reload(String text, String kind, LoadOptions original) {
        try {
            Path other = Files.createTempDirectory(dir, "roundtrip-" + kind);
            Files.writeString(other.resolve("compose.yaml"), text);
            Map<String, String> shell = new HashMap<>(original.shellEnvironment());
            shell.remove("COMPOSE_FILE");
            LoadOptions options = LoadOptions.in(other).withEnvironment(shell)
                    .withProfiles(original.profiles()).withServices(original.services());
            return ProjectLoader.load(options).document().values();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plain values (maps, lists, strings, longs, booleans) written as YAML, for expected values. */
    static Object yaml(String text) {
        return YamlReader.read(text, "expected").toPlain();
    }

    static String indent(String text, int spaces) {
        String pad = " ".repeat(spaces);
        StringBuilder out = new StringBuilder();
        for (String line : text.stripTrailing().split("\n", -1)) {
            out.append(line.isBlank() ? "" : pad + line).append('\n');
        }
        return out.toString();
    }
}
