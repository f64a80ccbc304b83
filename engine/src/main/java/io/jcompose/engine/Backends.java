package io.jcompose.engine;

import io.jcompose.engine.docker.DockerBackend;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.BackendUnavailableException;
import java.util.Map;

/** Chooses and opens a backend by name ({@code --backend}, {@code JCOMPOSE_BACKEND}); Docker is the default. */
public final class Backends {

    private Backends() {
    }

    public static Backend open(String name, Map<String, String> env) {
        return switch (name.isBlank() ? "docker" : name) {
            case "docker" -> DockerBackend.connect(env);
            case "linux" -> throw new BackendUnavailableException("the built-in linux backend is not available in"
                    + " this version yet: use --backend docker (a Docker daemon)");
            default -> throw new BackendUnavailableException("unknown backend \"" + name
                    + "\" (expected docker or linux)");
        };
    }

    /** Specs as docker compose makes them; {@code version} goes in the {@code com.docker.compose.version} label. */
    public static SpecFactory specs(String version) {
        return new ModelSpecFactory(version);
    }
}
