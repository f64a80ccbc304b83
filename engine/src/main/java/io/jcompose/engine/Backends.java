package io.jcompose.engine;

import io.jcompose.engine.docker.DockerBackend;
import io.jcompose.engine.linux.LinuxHost;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.BackendUnavailableException;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses and opens a backend by name ({@code --backend}, {@code JCOMPOSE_BACKEND}). With none named: the built-in
 * {@code linux} runtime when this machine can run it, else a Docker daemon when one answers, else an error that
 * says why neither can be used.
 */
public final class Backends {

    private Backends() {
    }

    public static Backend open(String name, Map<String, String> env) {
        return switch (name == null || name.isBlank() ? "" : name.strip()) {
            case "" -> openDefault(env);
            case "docker" -> DockerBackend.connect(env);
            case "linux" -> LinuxHost.open(env);
            default -> throw new BackendUnavailableException("unknown backend \"" + name
                    + "\" (expected linux or docker)");
        };
    }

    private static Backend openDefault(Map<String, String> env) {
        Optional<String> linuxProblem = LinuxHost.unavailable(env);
        if (linuxProblem.isEmpty()) {
            return LinuxHost.open(env);
        }
        try {
            return DockerBackend.connect(env);
        } catch (BackendUnavailableException docker) {
            throw new BackendUnavailableException("no backend can run containers here: " + linuxProblem.get()
                    + "; and " + docker.getMessage());
        }
    }

    /** Specs as docker compose makes them; {@code version} goes in the {@code com.docker.compose.version} label. */
    public static SpecFactory specs(String version) {
        return new ModelSpecFactory(version);
    }
}
