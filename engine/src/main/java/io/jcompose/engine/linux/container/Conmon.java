package io.jcompose.engine.linux.container;

import io.jcompose.engine.linux.runtime.OciRuntime;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Creates a container under conmon, the small C monitor podman uses: conmon daemonizes, becomes the container's
 * parent, writes its output to the log file and its exit code to the exit directory, so that the container and its
 * logs live on after the jcompose command that started it has ended, and its exit code is not lost to PID 1.
 */
final class Conmon {

    private static final long CREATE_TIMEOUT_MS = 30_000;

    private Conmon() {
    }

    /** Runs the runtime's {@code create} through conmon and waits until the container exists. */
    static void create(OciRuntime runtime, String id, String name, Path bundle, Path runDir, Path logFile,
                       Path exitDir, Path socketDir, boolean tty) {
        Path pidFile = runDir.resolve("pidfile");
        Path conmonPid = runDir.resolve("conmon.pid");
        Path output = runDir.resolve("conmon.out");
        Function<Path, List<String>> command = creator -> {
            List<String> line = new ArrayList<>(List.of(conmonBinary(), "--api-version", "1", "-c", id,
                    // the uuid names the attach socket's directory: kept short, socket paths have a 108-byte limit
                    "-u", id.substring(0, 12), "-n", name, "-r", creator.toString(), "-b", bundle.toString(),
                    "-p", pidFile.toString(), "-P", conmonPid.toString(), "-l", "k8s-file:" + logFile,
                    "--exit-dir", exitDir.toString(), "--socket-dir-path", socketDir.toString(),
                    "--runtime-arg", "--root=" + runtime.stateRoot(), "--log-level", "error"));
            if (tty) {
                line.add("-t");
            }
            return line;
        };
        try {
            Files.createDirectories(socketDir);
            Files.deleteIfExists(pidFile);
            // left by the previous run of this container (restart): read as this run's, they would say "gone"
            Files.deleteIfExists(conmonPid);
            Files.deleteIfExists(exitDir.resolve(id));
            Process p = runtime.startCreating(new ProcessBuilder().redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile())).redirectOutput(output.toFile()).redirectErrorStream(true), command);
            if (!p.waitFor(CREATE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RuntimeFailureException("conmon did not start within 30 s");
            }
            if (p.exitValue() != 0) {
                throw new RuntimeFailureException("conmon failed: " + tail(output));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CREATE_TIMEOUT_MS);
            while (!isComplete(pidFile)) {
                Optional<Long> monitor = ContainerStatus.readPid(conmonPid);
                boolean gone = monitor.isPresent() && !ContainerStatus.alive(monitor.get());
                if (gone || Files.exists(exitDir.resolve(id)) || System.nanoTime() > deadline) {
                    String why = tail(output);
                    throw new RuntimeFailureException("the OCI runtime (" + runtime.name() + ") could not create the"
                            + " container" + (why.isBlank() ? "" : ": " + why));
                }
                Thread.sleep(2);
            }
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot start conmon: " + e.getMessage()
                    + " (install it with: apt-get install -y conmon)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException("interrupted while creating the container");
        }
    }

    /** The runtime writes the pid file by rename, but an empty read is still possible on some filesystems. */
    private static boolean isComplete(Path pidFile) {
        return ContainerStatus.readPid(pidFile).isPresent();
    }

    static String conmonBinary() {
        return conmonPathOrName();
    }

    static String conmonPathOrName() {
        for (String candidate : List.of("/usr/bin/conmon", "/usr/libexec/podman/conmon", "/usr/local/bin/conmon")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "conmon";
    }

    private static String tail(Path output) {
        try {
            String text = Files.exists(output) ? Files.readString(output).strip() : "";
            String last = text.lines().reduce((a, b) -> b).orElse("");
            int msg = last.indexOf("msg=\"");
            return msg >= 0 ? last.substring(msg + 5).replaceAll("\"$", "") : last;
        } catch (IOException e) {
            return "";
        }
    }
}
