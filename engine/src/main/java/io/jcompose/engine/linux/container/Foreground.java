package io.jcompose.engine.linux.container;

import io.jcompose.engine.spi.StdStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a runtime command ({@code exec}, or {@code run} of a one-off) as our child with its standard streams
 * connected to the caller's: input copied in until it ends, output and errors copied out (and into the container's
 * log when one is given) until the process has exited and said everything.
 */
final class Foreground {

    /**
     * Starts the process of a builder whose streams are set; the command is the starter's to give (the runtime
     * chooses how a creating call is started, see {@code OciRuntime.startCreating}).
     */
    @FunctionalInterface
    interface Starter {
        Process start(ProcessBuilder builder) throws IOException;
    }

    private Foreground() {
    }

    /** The starter of a plain command. */
    static Starter of(List<String> command) {
        return builder -> builder.command(command).start();
    }

    /**
     * With a terminal ({@code exec -it}, {@code run -it}), the runtime gets this process's own terminal: it puts it in
     * raw mode and relays it to the container's pseudo-terminal itself, which a pipe would not let it do.
     */
    static int runOnTerminal(Starter starter) throws IOException, InterruptedException {
        Process process = starter.start(new ProcessBuilder().inheritIO());
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        }
    }

    static int run(Starter starter, StdStreams streams, Path logFile, Void unused)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder();
        if (streams.in().isEmpty()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        Process process = starter.start(builder);
        OutputStream out = logFile == null ? streams.out() : ContainerLogs.writer(logFile, false, streams.out());
        OutputStream err = logFile == null ? streams.err() : ContainerLogs.writer(logFile, true, streams.err());
        Thread stdout = Thread.ofVirtual().start(() -> pump(process.getInputStream(), out));
        Thread stderr = Thread.ofVirtual().start(() -> pump(process.getErrorStream(), err));
        // a platform thread: left blocked on an input that has not ended (a terminal), it is one that a JVM kept for
        // the next command sees, which then ends rather than let it read the next command's input
        Thread stdin = streams.in().map(in -> Thread.ofPlatform().daemon().name("jcompose-stdin").start(() -> {
            try (OutputStream toProcess = process.getOutputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    toProcess.write(buffer, 0, n);
                    toProcess.flush();
                }
            } catch (IOException ignored) {
                // the process ended before reading all its input
            }
        })).orElse(null);
        try {
            int code = process.waitFor();
            stdout.join();
            stderr.join();
            return code;
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        } finally {
            if (stdin != null) {
                stdin.interrupt();
            }
            if (logFile != null) {
                out.close();
                err.close();
            }
        }
    }

    private static void pump(InputStream from, OutputStream to) {
        byte[] buffer = new byte[8192];
        try (from) {
            for (int n; (n = from.read(buffer)) >= 0; ) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException ignored) {
            // the reader went away (a closed terminal): the process still runs to its end
        }
    }
}
