package io.jcompose.model.load;

import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Finds the compose files of a project: {@code -f}, then {@code COMPOSE_FILE}, then the working dir and up. */
public final class ComposeFiles {

    /** The names docker compose looks for, in its order of preference. */
    public static final List<String> DEFAULT_NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yml",
            "docker-compose.yaml");
    /** Override files, in compose-go's order of preference (which puts .yml first). */
    static final List<String> OVERRIDE_NAMES = List.of("compose.override.yml", "compose.override.yaml",
            "docker-compose.override.yml", "docker-compose.override.yaml");

    /** Stands for standard input in a file list. */
    public static final String STDIN = "-";

    private ComposeFiles() {
    }

    /** Absolute paths (or {@link #STDIN}) of the files to load, in merge order. */
    public static List<String> resolve(Path workingDir, List<String> files, Map<String, String> env,
                                       Consumer<String> warnings) {
        return resolve(workingDir, workingDir, files, env, warnings);
    }

    /**
     * As above; without {@code -f} or {@code COMPOSE_FILE} the search starts in {@code searchDir} (the
     * {@code --project-directory}, when given) and goes up.
     */
    public static List<String> resolve(Path workingDir, Path searchDir, List<String> files, Map<String, String> env,
                                       Consumer<String> warnings) {
        if (!files.isEmpty()) {
            return absolute(workingDir, files);
        }
        String fromEnv = env.getOrDefault("COMPOSE_FILE", "");
        if (!fromEnv.isBlank()) {
            String separator = env.getOrDefault("COMPOSE_PATH_SEPARATOR", java.io.File.pathSeparator);
            return absolute(workingDir, List.of(fromEnv.split(java.util.regex.Pattern.quote(separator))));
        }
        for (Path dir = searchDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            List<String> found = candidates(dir, DEFAULT_NAMES);
            if (!found.isEmpty()) {
                if (found.size() > 1) {
                    warnings.accept("Found multiple config files with supported names: " + String.join(", ", found)
                            + "; using " + found.getFirst());
                }
                List<String> result = new ArrayList<>(List.of(found.getFirst()));
                List<String> overrides = candidates(dir, OVERRIDE_NAMES);
                if (!overrides.isEmpty()) {
                    result.add(overrides.getFirst());
                }
                return result;
            }
        }
        throw ComposeFileException.of("no configuration file provided: not found (looked for "
                + String.join(", ", DEFAULT_NAMES) + " in " + searchDir.toAbsolutePath().normalize()
                + " and its parents; use -f FILE)");
    }

    private static List<String> candidates(Path dir, List<String> names) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                found.add(p.toString());
            }
        }
        return found;
    }

    private static List<String> absolute(Path workingDir, List<String> files) {
        List<String> out = new ArrayList<>();
        for (String f : files) {
            if (f.equals(STDIN)) {
                out.add(STDIN);
                continue;
            }
            Path p = workingDir.resolve(f).toAbsolutePath().normalize();
            if (!Files.exists(p)) {
                throw ComposeFileException.of("open " + p + ": no such file or directory (check -f or COMPOSE_FILE)");
            }
            out.add(p.toString());
        }
        return out;
    }
}
