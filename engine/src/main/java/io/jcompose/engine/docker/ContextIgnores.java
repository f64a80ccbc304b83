package io.jcompose.engine.docker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Predicate;

/** The {@code .dockerignore} rules of a context for builders outside this package (the built-in one). */
public final class ContextIgnores {

    private ContextIgnores() {
    }

    /** Whether a {@code /}-separated path relative to {@code contextDir} is left out of the context. */
    public static Predicate<String> of(Path contextDir) throws IOException {
        DockerignoreFilter filter = DockerignoreFilter.of(contextDir);
        return filter::excludes;
    }
}
