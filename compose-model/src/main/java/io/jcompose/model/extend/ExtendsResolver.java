package io.jcompose.model.extend;

import io.jcompose.model.merge.Merger;
import io.jcompose.model.source.CycleException;
import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.source.ReferenceException;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves {@code extends} in one canonical file: the named service (in the same file or in {@code file:}) is
 * resolved first, recursively, then this service is merged over it with the ordinary merge rules.
 */
public final class ExtendsResolver {

    private final Function<String, YamlMap> loadFile;
    private final Function<String, String> displayName;
    private final Map<String, YamlMap> resolved = new HashMap<>();

    /** {@code loadFile} gives the canonical tree of another file, its relative paths already made absolute. */
    public ExtendsResolver(Function<String, YamlMap> loadFile) {
        this(loadFile, Function.identity());
    }

    /** As above; {@code displayName} turns a file's path into the name messages show. */
    public ExtendsResolver(Function<String, YamlMap> loadFile, Function<String, String> displayName) {
        this.loadFile = loadFile;
        this.displayName = displayName;
    }

    public YamlMap resolve(YamlMap file, String fileName) {
        if (!(file.get("services").orElse(null) instanceof YamlMap services)) {
            return file;
        }
        return file.with("services",
                services.mapValues((name, value) -> service(file, fileName, name, new ArrayList<>())));
    }

    private YamlNode service(YamlMap file, String fileName, String name, List<String> stack) {
        String key = fileName + "#" + name;
        YamlMap services = (YamlMap) file.entries().get("services");
        YamlNode node = services.entries().get(name);
        if (!(node instanceof YamlMap service) || !service.has("extends")) {
            return node;
        }
        if (resolved.containsKey(key)) {
            return resolved.get(key);
        }
        if (stack.contains(key)) {
            stack.add(key);
            throw new CycleException(Problem.at(service.keyLocation("extends"),
                    KeyPath.of("services", name, "extends"), "circular reference with extends: "
                            + String.join(" -> ", stack.stream().map(k -> k.substring(k.indexOf('#') + 1)).toList())));
        }
        stack.add(key);
        YamlMap ext = (YamlMap) service.entries().get("extends");
        String baseName = text(ext, "service");
        String baseFileName = fileName;
        YamlMap baseFile = file;
        if (ext.has("file")) {
            baseFileName = text(ext, "file");
            if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(baseFileName))) {
                throw new ReferenceException(Problem.at(ext.get("file").orElseThrow().location(),
                        KeyPath.of("services", name, "extends", "file"),
                        "file " + displayName.apply(baseFileName) + " not found"));
            }
            baseFile = loadFile.apply(baseFileName);
        }
        if (!(baseFile.get("services").orElse(null) instanceof YamlMap baseServices)
                || !baseServices.has(baseName)) {
            throw new ReferenceException(Problem.at(ext.location(), KeyPath.of("services", name, "extends"),
                    "cannot extend service \"" + baseName + "\": no such service in "
                            + displayName.apply(baseFileName)));
        }
        YamlNode base = service(baseFile, baseFileName, baseName, stack);
        YamlMap merged = (YamlMap) Merger.merge(base, service.without("extends"), KeyPath.of("services", name));
        stack.removeLast();
        resolved.put(key, merged);
        return merged;
    }

    private static String text(YamlMap map, String key) {
        return map.get(key).map(n -> ((YamlScalar) n).text()).orElse("");
    }
}
