package io.jcompose.model.load;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the loader needs from the command line and the process: files ({@code -} is stdin), the working directory,
 * the shell environment, and the switches of {@code jcompose config}.
 *
 * @param services services named on the command line: their profiles are enabled
 */
public record LoadOptions(Path workingDir, List<String> files, Optional<String> projectName,
                          Optional<Path> projectDirectory, List<String> envFiles, List<String> profiles,
                          List<String> services, Map<String, String> shellEnvironment, boolean interpolate,
                          boolean normalize, boolean resolvePaths, boolean consistency,
                          Supplier<InputStream> stdin, Consumer<String> warnings) {

    public LoadOptions {
        files = List.copyOf(files);
        envFiles = List.copyOf(envFiles);
        profiles = List.copyOf(profiles);
        services = List.copyOf(services);
        shellEnvironment = Map.copyOf(shellEnvironment);
    }

    /** Defaults for a directory: discover files there, use this process's environment, every stage on. */
    public static LoadOptions in(Path workingDir) {
        return new LoadOptions(workingDir, List.of(), Optional.empty(), Optional.empty(), List.of(), List.of(),
                List.of(), System.getenv(), true, true, true, true, () -> System.in, w -> { });
    }

    public LoadOptions withFiles(List<String> newFiles) {
        return new LoadOptions(workingDir, newFiles, projectName, projectDirectory, envFiles, profiles, services,
                shellEnvironment, interpolate, normalize, resolvePaths, consistency, stdin, warnings);
    }

    public LoadOptions withEnvironment(Map<String, String> env) {
        return new LoadOptions(workingDir, files, projectName, projectDirectory, envFiles, profiles, services, env,
                interpolate, normalize, resolvePaths, consistency, stdin, warnings);
    }

    public LoadOptions withProjectName(String name) {
        return new LoadOptions(workingDir, files, Optional.of(name), projectDirectory, envFiles, profiles, services,
                shellEnvironment, interpolate, normalize, resolvePaths, consistency, stdin, warnings);
    }

    public LoadOptions withProfiles(List<String> newProfiles) {
        return new LoadOptions(workingDir, files, projectName, projectDirectory, envFiles, newProfiles, services,
                shellEnvironment, interpolate, normalize, resolvePaths, consistency, stdin, warnings);
    }

    public LoadOptions withWarnings(Consumer<String> sink) {
        return new LoadOptions(workingDir, files, projectName, projectDirectory, envFiles, profiles, services,
                shellEnvironment, interpolate, normalize, resolvePaths, consistency, stdin, sink);
    }
    public LoadOptions withProjectDirectory(Path dir) {
        return new LoadOptions(workingDir, files, projectName, Optional.of(dir), envFiles, profiles, services,
                shellEnvironment, interpolate, normalize, resolvePaths, consistency, stdin, warnings);
    }

    public LoadOptions withEnvFiles(List<String> newEnvFiles) {
        return new LoadOptions(workingDir, files, projectName, projectDirectory, newEnvFiles, profiles, services,
                shellEnvironment, interpolate, normalize, resolvePaths, consistency, stdin, warnings);
    }

    public LoadOptions withServices(List<String> named) {
        return new LoadOptions(workingDir, files, projectName, projectDirectory, envFiles, profiles, named,
                shellEnvironment, interpolate, normalize, resolvePaths, consistency, stdin, warnings);
    }

    public LoadOptions withStdin(Supplier<InputStream> in) {
        return new LoadOptions(workingDir, files, projectName, projectDirectory, envFiles, profiles, services,
                shellEnvironment, interpolate, normalize, resolvePaths, consistency, in, warnings);
    }

    /** The switches of {@code config}: {@code --no-interpolate}, {@code --no-normalize} and so on, as booleans. */
    public LoadOptions withStages(boolean interpolation, boolean normalization, boolean pathResolution,
                                  boolean consistencyChecks) {
        return new LoadOptions(workingDir, files, projectName, projectDirectory, envFiles, profiles, services,
                shellEnvironment, interpolation, normalization, pathResolution, consistencyChecks, stdin, warnings);
    }
}
