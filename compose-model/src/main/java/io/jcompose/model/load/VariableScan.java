package io.jcompose.model.load;

import io.jcompose.model.interpolate.Variables;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlReader;
import io.jcompose.model.yaml.YamlScalar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The variables that a project's compose files use, read from the files as written (before interpolation). */
public final class VariableScan {

    private VariableScan() {
    }

    /** Every variable of every compose file of the project, sorted by name. */
    public static List<Variables.Variable> scan(LoadOptions options) {
        Path cwd = options.workingDir().toAbsolutePath().normalize();
        ProjectEnvironment env = ProjectEnvironment.load(cwd,
                options.projectDirectory().map(cwd::resolve).orElse(cwd), options.envFiles(),
                options.shellEnvironment());
        Map<String, Variables.Variable> found = new LinkedHashMap<>();
        for (String file : ComposeFiles.resolve(cwd, options.files(), env.variables(), w -> { })) {
            for (YamlNode doc : YamlReader.readAll(read(file, options), file)) {
                collect(doc, found);
            }
        }
        return List.copyOf(new TreeMap<>(found).values());
    }

    private static String read(String file, LoadOptions options) {
        try {
            if (file.equals(ComposeFiles.STDIN)) {
                try (InputStream in = options.stdin().get()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(YamlNode node, Map<String, Variables.Variable> into) {
        switch (node) {
            case YamlMap map -> map.entries().values().forEach(v -> collect(v, into));
            case YamlList list -> list.items().forEach(v -> collect(v, into));
            case YamlScalar scalar when scalar.value() instanceof String s -> Variables.scan(s, into);
            case YamlScalar scalar -> { }
        }
    }
}
