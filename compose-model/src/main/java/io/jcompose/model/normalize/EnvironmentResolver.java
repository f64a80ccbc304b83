package io.jcompose.model.normalize;

import io.jcompose.model.dotenv.DotenvParser;
import io.jcompose.model.source.ComposeFileException;
import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A service's final environment: its {@code env_file}s in order, then {@code environment} on top; a variable
 * without a value takes the shell's. Label files go into {@code labels} the same way.
 */
final class EnvironmentResolver {

    private EnvironmentResolver() {
    }

    static YamlMap resolve(YamlMap service, KeyPath path, Path workingDir, Function<String, Optional<String>> lookup) {
        YamlMap out = service;
        // with no file to read and no variable to take from the shell, the environment is final as it is (a big
        // project has hundreds of them, each copied twice otherwise)
        boolean settled = !service.has("env_file") && service.get("environment").orElse(null) instanceof YamlMap env
                && !hasNull(env);
        if (!settled && (service.has("env_file") || service.has("environment"))) {
            Map<String, YamlNode> env = new LinkedHashMap<>();
            fromFiles(service, "env_file", path, workingDir, lookup, env);
            if (service.get("environment").orElse(null) instanceof YamlMap explicit) {
                env.putAll(explicit.entries());
            }
            YamlMap.Builder resolved = YamlMap.builder(service.location());
            env.forEach((k, v) -> resolved.put(k, v instanceof YamlScalar s && s.isNull()
                    ? lookup.apply(k).map(value -> (YamlNode) s.withValue(value)).orElse(v) : v));
            out = out.without("env_file").with("environment", resolved.build());
        }
        if (service.has("label_file")) {
            Map<String, YamlNode> labels = new LinkedHashMap<>();
            // label files see only the labels read before them, as in compose-go
            fromFiles(service, "label_file", path, workingDir, name -> Optional.empty(), labels);
            if (service.get("labels").orElse(null) instanceof YamlMap explicit) {
                labels.putAll(explicit.entries());
            }
            out = out.without("label_file").with("labels", new YamlMap(labels, Map.of(), service.location(), ""));
        }
        return out;
    }

    private static boolean hasNull(YamlMap map) {
        for (YamlNode value : map.entries().values()) {
            if (value instanceof YamlScalar s && s.isNull()) {
                return true;
            }
        }
        return false;
    }

    /** Reads an env or label file; its problems name it relative to the project directory. */
    private static Map<String, String> read(Path file, Path projectDir, Function<String, Optional<String>> lookup) {
        try {
            String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
            String name = file.startsWith(projectDir) ? projectDir.relativize(file).toString() : file.toString();
            return DotenvParser.parse(text, name, lookup);
        } catch (java.io.IOException e) {
            return DotenvParser.read(file, lookup);
        }
    }

    private static Optional<String> text(YamlNode node) {
        return node instanceof YamlScalar s && !s.isNull() ? Optional.of(s.text()) : Optional.empty();
    }

    private static void fromFiles(YamlMap service, String key, KeyPath path, Path workingDir,
                                  Function<String, Optional<String>> lookup, Map<String, YamlNode> into) {
        Map<String, YamlNode> explicit = key.equals("env_file")
                && service.get("environment").orElse(null) instanceof YamlMap m ? m.entries() : Map.of();
        if (!(service.get(key).orElse(null) instanceof YamlList files)) {
            return;
        }
        for (int i = 0; i < files.size(); i++) {
            YamlNode item = files.items().get(i);
            String file;
            boolean required = true;
            if (item instanceof YamlMap entry) {
                file = entry.get("path").map(n -> ((YamlScalar) n).text()).orElse("");
                required = !(entry.get("required").orElse(null) instanceof YamlScalar r)
                        || !Boolean.FALSE.equals(r.value());
            } else {
                file = ((YamlScalar) item).text();
            }
            Path p = workingDir.resolve(file).normalize();
            if (!Files.isRegularFile(p)) {
                if (required) {
                    throw new ComposeFileException(Problem.at(item.location(), path.child(key).index(i),
                            "env file " + p + " not found (create it, or set required: false)"));
                }
                continue;
            }
            // as compose-go: the project's variables first, then the service's own, then earlier files
            Map<String, String> values = read(p, workingDir, name -> lookup.apply(name)
                    .or(() -> text(explicit.get(name)))
                    .or(() -> text(into.get(name))));
            values.forEach((k, v) -> into.put(k, YamlScalar.of(v, item.location())));
        }
    }
}
