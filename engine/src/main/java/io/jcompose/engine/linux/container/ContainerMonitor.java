package io.jcompose.engine.linux.container;

import io.jcompose.engine.linux.runtime.OciRuntime;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts a run of a container under jcompose-monitor (src/main/c/jcompose-monitor.c, shipped in this jar): the
 * monitor daemonizes, runs the OCI runtime's {@code run} (create, start, wait and delete in one process) as its
 * child, writes the container's output to the log file and its exit code to the exit file, so that the container
 * and its logs live on after the jcompose command that started it, and its exit code is not lost to PID 1.
 * A run used to be conmon plus the runtime's {@code create}, {@code start} and later {@code delete}: three runtime
 * processes of 10-20 ms each where {@code run} is one.
 */
final class ContainerMonitor {

    /** The monitor's process name as /proc shows it: the kernel keeps the first 15 bytes of the file name. */
    static final String PROCESS_NAME = "jcompose-monitor".substring(0, 15);

    private static final long START_TIMEOUT_MS = 30_000;
    private static final String RESOURCE = "jcompose-monitor";

    /** The binary written out per run root, once per JVM. */
    private static final ConcurrentHashMap<Path, Path> BINARIES = new ConcurrentHashMap<>();

    private ContainerMonitor() {
    }

    /** The files of one run, all in the container's run directory but the log and the exit file. */
    record RunFiles(Path runDir, Path logFile, Path exitFile) {

        /** The monitor's own pid. */
        Path monitorPid() {
            return runDir.resolve("monitor.pid");
        }

        /** The container's main process, written by the runtime once it has created the container. */
        Path containerPid() {
            return runDir.resolve("pidfile");
        }

        /** The runtime's own messages ({@code --log}): why a run could not start. */
        Path runtimeLog() {
            return runDir.resolve("runtime.log");
        }
    }

    /**
     * Runs container {@code id} of {@code bundle} under a monitor and returns once it runs (or has already ended);
     * throws with the runtime's reason when it could not start. With a terminal the monitor takes its master
     * through {@code consoleSocket}.
     */
    static void start(OciRuntime runtime, Path runRoot, String id, Path bundle, RunFiles files,
                      Optional<Path> consoleSocket) {
        Path monitor = binary(runRoot);
        Path output = files.runDir().resolve("monitor.out");
        try {
            // left by the previous run of this container (restart): read as this run's, they would say "gone"
            for (Path stale : List.of(files.containerPid(), files.monitorPid(), files.exitFile(), files.runtimeLog())) {
                Files.deleteIfExists(stale);
            }
            if (consoleSocket.isPresent()) {
                Files.createDirectories(consoleSocket.get().getParent());
            }
            Process p = runtime.startCreating(new ProcessBuilder().redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile())).redirectOutput(output.toFile()).redirectErrorStream(true),
                    creator -> command(runtime, monitor, creator, id, bundle, files, consoleSocket));
            if (!p.waitFor(START_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RuntimeFailureException("the OCI runtime (" + runtime.name() + ") did not start the"
                        + " container within 30 s");
            }
            if (p.exitValue() != 0) {
                String why = why(files.runtimeLog()).or(() -> why(output)).orElse("exit status " + p.exitValue());
                throw new RuntimeFailureException("the OCI runtime (" + runtime.name() + ") could not start the"
                        + " container: " + why);
            }
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot start the container monitor " + monitor + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException("interrupted while starting the container");
        }
    }

    private static List<String> command(OciRuntime runtime, Path monitor, Path creator, String id, Path bundle,
                                        RunFiles files, Optional<Path> consoleSocket) {
        List<String> line = new ArrayList<>(List.of(monitor.toString(),
                "--pid-file", files.monitorPid().toString(),
                "--container-pid-file", files.containerPid().toString(),
                "--log", files.logFile().toString(),
                "--exit-file", files.exitFile().toString()));
        consoleSocket.ifPresent(socket -> line.addAll(List.of("--console-socket", socket.toString())));
        line.add("--");
        List<String> run = new ArrayList<>(List.of("--log", files.runtimeLog().toString(), "run",
                "--bundle", bundle.toString(), "--pid-file", files.containerPid().toString()));
        consoleSocket.ifPresent(socket -> run.addAll(List.of("--console-socket", socket.toString())));
        run.add(id);
        line.addAll(runtime.command(creator, run.toArray(String[]::new)));
        return line;
    }

    /**
     * The monitor binary, written out of this jar to {@code runRoot/monitor/<digest>/} when not there yet: a
     * tmpfs that is executable, where a jar of another version writes a binary of its own beside it.
     */
    static Path binary(Path runRoot) {
        return BINARIES.computeIfAbsent(runRoot, root -> {
            try (InputStream in = ContainerMonitor.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new RuntimeFailureException("this build of jcompose lacks its container monitor"
                            + " (rebuild it with a C compiler: apt-get install -y gcc)");
                }
                byte[] bytes = in.readAllBytes();
                String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                        .substring(0, 16);
                Path target = root.resolve("monitor").resolve(digest).resolve(RESOURCE);
                if (!Files.isExecutable(target)) {
                    Files.createDirectories(target.getParent());
                    Path temporary = Files.createTempFile(target.getParent(), RESOURCE, ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
                    Files.write(temporary, bytes);
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                return target;
            } catch (IOException e) {
                throw new RuntimeFailureException("cannot write the container monitor under " + root + ": "
                        + e.getMessage());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The last line a runtime or the monitor wrote, without runc's {@code time=… level=error msg=} decoration. */
    private static Optional<String> why(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file).strip() : "";
            return text.isEmpty() ? Optional.empty()
                    : Optional.of(new OciRuntime.Result(1, "", text).error()).filter(s -> !s.isBlank());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
