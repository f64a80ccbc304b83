package io.jcompose.engine.linux.network;

import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the host's network tools (iproute2, iptables, nsenter): they are what administrators know and debug with,
 * and a netns+veth set-up with them takes a few tens of milliseconds. Failures become one-line errors.
 */
final class Commands {

    /** The Debian package of each tool, for the message when it is missing. */
    private static final Map<String, String> PACKAGES = Map.of("ip", "iproute2", "iptables", "iptables",
            "iptables-save", "iptables", "iptables-restore", "iptables", "nsenter", "util-linux");

    /** What a command did. */
    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }

        /** The first line of what it complained about, for one-line messages. */
        String complaint() {
            String text = err.isBlank() ? out : err;
            return text.strip().lines().findFirst().orElse("exit status " + exit);
        }
    }

    Result run(List<String> argv) {
        return run(argv, null);
    }

    /** Runs {@code argv}, feeding {@code stdin} when given; a tool that is not installed says how to install it. */
    Result run(List<String> argv, String stdin) {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(stdin == null
                    ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null")) : ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            String tool = argv.getFirst();
            throw new RuntimeFailureException(tool + " is not installed: apt-get install -y "
                    + PACKAGES.getOrDefault(tool, "iproute2 iptables"), e);
        }
        // read both streams at once: a tool blocked on a full stderr pipe would never finish its stdout
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try {
            if (stdin != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = drain(process.getInputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new RuntimeFailureException(String.join(" ", argv) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new RuntimeFailureException(String.join(" ", argv) + " interrupted");
        }
    }

    /** Runs {@code argv} and returns its output; a failure is an error naming the command. */
    String check(List<String> argv) {
        return check(argv, null);
    }

    String check(List<String> argv, String stdin) {
        Result r = run(argv, stdin);
        if (!r.ok()) {
            throw new RuntimeFailureException(String.join(" ", argv) + ": " + r.complaint());
        }
        return r.out();
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
