package io.jcompose.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** What a command may touch of the outside world: its streams, the environment and the working directory. */
public record Console(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, Path cwd,
                      boolean terminal) {

    public Console {
        env = Map.copyOf(env);
    }

    /** A warning line in docker compose's shape, on stderr. */
    public void warn(String message) {
        err.println("WARN[0000] " + message);
        err.flush();
    }
}
