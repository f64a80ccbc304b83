package io.jcompose.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process with captured output, a fixed environment and a working directory. */
public final class CliRunner {

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    private final Path cwd;
    private final Map<String, String> env;
    private String stdin = "";

    public CliRunner(Path cwd, Map<String, String> env) {
        this.cwd = cwd;
        this.env = env;
    }

    public CliRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Jcompose.run(new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env, cwd, args);
        return new Result(code, out.toString(), err.toString());
    }
}
