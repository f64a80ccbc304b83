package io.jcompose.engine.linux.build.dockerfile;

import java.util.List;

/** What RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD run: a shell script or an exec (JSON array) argument list. */
public sealed interface Command {

    /** The shell form: the text is handed to the stage's SHELL as written, the builder expands nothing in it. */
    record Shell(String script) implements Command {
    }

    /** The exec form: the JSON array's strings, run without a shell. */
    record Exec(List<String> args) implements Command {
        public Exec {
            args = List.copyOf(args);
        }
    }
}
