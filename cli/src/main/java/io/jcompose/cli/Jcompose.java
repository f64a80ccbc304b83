package io.jcompose.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** The entry point: builds the command line and runs it; {@link #run} is what tests call in-process. */
public final class Jcompose {

    private Jcompose() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(new Console(out, err, System.in, System.getenv(), Path.of("").toAbsolutePath(),
                System.console() != null), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code; nothing here calls System.exit. */
    public static int run(Console console, String... args) {
        try {
            return JcomposeCommand.commandLine(console).execute(args);
        } catch (Throwable t) {
            // an Error escapes picocli's handlers: still one line, the trace only when asked for
            console.err().println("internal error: " + t + " (run again with --verbose for details, and report it)");
            if (java.util.Arrays.asList(args).contains("--verbose")) {
                t.printStackTrace(console.err());
            }
            console.err().flush();
            return ExitCodes.FAILURE;
        }
    }

    /** Convenience for tests: a console over the given writers, environment and directory. */
    public static int run(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env, Path cwd,
                          String... args) {
        int code = run(new Console(out, err, in, env, cwd, false), args);
        out.flush();
        err.flush();
        return code;
    }
}
