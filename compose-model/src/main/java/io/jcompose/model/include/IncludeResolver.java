package io.jcompose.model.include;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.source.ReferenceException;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Brings the resources of {@code include}d projects into a file. Each included project is loaded on its own (its
 * own directory and env files); a service, network, volume, secret or config defined on both sides is an error.
 */
public final class IncludeResolver {

    /** One entry of {@code include}, its paths absolute. */
    public record Include(List<Path> paths, Path projectDirectory, List<Path> envFiles, KeyPath at) {
    }

    private static final List<String> SECTIONS = List.of("services", "networks", "volumes", "secrets", "configs");

    private final Function<Include, YamlMap> loadProject;
    private final Function<String, String> displayName;

    /** {@code loadProject} loads an included project up to (not including) normalisation. */
    public IncludeResolver(Function<Include, YamlMap> loadProject) {
        this(loadProject, Function.identity());
    }

    /** As above; {@code displayName} turns a file's path into the name messages show. */
    public IncludeResolver(Function<Include, YamlMap> loadProject, Function<String, String> displayName) {
        this.loadProject = loadProject;
        this.displayName = displayName;
    }

    public YamlMap resolve(YamlMap file, Path baseDir) {
        if (!(file.get("include").orElse(null) instanceof YamlList includes)) {
            return file;
        }
        YamlMap out = file.without("include");
        for (int i = 0; i < includes.size(); i++) {
            if (!(includes.items().get(i) instanceof YamlMap entry)) {
                continue;
            }
            Include include = include(entry, baseDir, KeyPath.of("include").index(i));
            YamlMap included = loadProject.apply(include);
            out = mergeIn(out, included, include);
        }
        return out;
    }

    private static Include include(YamlMap entry, Path baseDir, KeyPath at) {
        List<Path> paths = paths(entry, "path", baseDir);
        Path projectDir = entry.get("project_directory").map(n -> baseDir.resolve(((YamlScalar) n).text()).normalize())
                .orElse(paths.isEmpty() ? baseDir : paths.getFirst().getParent());
        List<Path> envFiles = paths(entry, "env_file", baseDir);
        return new Include(paths, projectDir, envFiles, at);
    }

    private static List<Path> paths(YamlMap entry, String key, Path baseDir) {
        List<Path> out = new ArrayList<>();
        if (entry.get(key).orElse(null) instanceof YamlList list) {
            for (YamlNode n : list.items()) {
                out.add(baseDir.resolve(((YamlScalar) n).text()).toAbsolutePath().normalize());
            }
        }
        return out;
    }

    private YamlMap mergeIn(YamlMap file, YamlMap included, Include include) {
        YamlMap out = file;
        for (String section : SECTIONS) {
            if (!(included.get(section).orElse(null) instanceof YamlMap theirs)) {
                continue;
            }
            YamlMap ours = out.get(section).orElse(null) instanceof YamlMap m ? m : YamlMap.empty(theirs.location());
            for (Map.Entry<String, YamlNode> e : theirs.entries().entrySet()) {
                if (ours.has(e.getKey())) {
                    if (ours.entries().get(e.getKey()).toPlain().equals(e.getValue().toPlain())) {
                        continue;
                    }
                    throw new ReferenceException(Problem.at(ours.keyLocation(e.getKey()),
                            KeyPath.of(section, e.getKey()), "conflicts with the one imported from "
                                    + displayName.apply(include.paths().getFirst().toString())
                                    + " (rename one of them)"));
                }
                ours = ours.with(e.getKey(), e.getValue());
            }
            out = out.with(section, ours);
        }
        return out;
    }
}
