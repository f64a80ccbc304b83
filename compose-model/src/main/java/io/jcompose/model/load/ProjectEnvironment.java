package io.jcompose.model.load;

import io.jcompose.model.dotenv.DotenvParser;
import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables that interpolation sees: the shell's, over those of {@code --env-file} files (later files win), or,
 * when no {@code --env-file} is given, over {@code <project dir>/.env} — docker compose reads {@code .env} only then.
 */
public record ProjectEnvironment(Map<String, String> variables, List<Path> files) {

    public ProjectEnvironment {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        files = List.copyOf(files);
    }

    public static ProjectEnvironment load(Path workingDir, Path projectDir, List<String> envFiles,
                                          Map<String, String> shell) {
        List<Path> paths = new ArrayList<>();
        if (envFiles.isEmpty()) {
            Path dotenv = projectDir.resolve(".env");
            if (Files.isRegularFile(dotenv)) {
                paths.add(dotenv);
            }
        } else {
            for (String f : envFiles) {
                Path p = workingDir.resolve(f).toAbsolutePath().normalize();
                if (!Files.isRegularFile(p)) {
                    throw ComposeFileException.of("couldn't find env file: " + p + " (check --env-file)");
                }
                paths.add(p);
            }
        }
        Map<String, String> fromFiles = new LinkedHashMap<>();
        for (Path p : paths) {
            Map<String, String> soFar = new LinkedHashMap<>(fromFiles);
            fromFiles.putAll(read(p, projectDir, name -> Optional.ofNullable(shell.get(name))
                    .or(() -> Optional.ofNullable(soFar.get(name)))));
        }
        Map<String, String> all = new LinkedHashMap<>(fromFiles);
        all.putAll(shell);
        return new ProjectEnvironment(all, paths);
    }

    /** Reads an env file; its problems name it relative to the project directory, like compose files. */
    static Map<String, String> read(Path file, Path projectDir, java.util.function.Function<String,
            Optional<String>> lookup) {
        if (!Files.isRegularFile(file)) {
            return DotenvParser.read(file, lookup);
        }
        try {
            String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
            String name = file.startsWith(projectDir) ? projectDir.relativize(file).toString() : file.toString();
            return DotenvParser.parse(text, name, lookup);
        } catch (java.io.IOException e) {
            return DotenvParser.read(file, lookup);
        }
    }

    public Optional<String> lookup(String name) {
        return Optional.ofNullable(variables.get(name));
    }
}
