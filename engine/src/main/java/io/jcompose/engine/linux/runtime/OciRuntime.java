package io.jcompose.engine.linux.runtime;

import io.jcompose.engine.linux.sys.NativeCalls;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An OCI runtime binary (runc or crun) and how to call it: every call names our own state directory
 * ({@code --root}), so that our containers never mix with those of Docker or podman on the same host.
 *
 * @param name       {@code runc} or {@code crun}
 * @param binary     the runtime itself, for the calls that need no cgroup set-up (start, kill, state, delete…)
 * @param creator    what creates containers: the binary, or a wrapper that first hides the cgroup2 mount of a hybrid
 *                   cgroup layout in a private mount namespace (crun 1.8 refuses hybrid hosts, see {@link RuntimeProbe})
 * @param stateRoot  the {@code --root} directory
 */
public record OciRuntime(String name, Path binary, Path creator, Path stateRoot) {

    /** The outcome of one runtime call. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** The runtime's last error line, without the {@code time="…" level=error msg=} decoration runc adds. */
        public String error() {
            String text = stderr.isBlank() ? stdout : stderr;
            String last = text.strip().lines().reduce((a, b) -> b).orElse("");
            int msg = last.indexOf("msg=\"");
            if (msg >= 0) {
                last = last.substring(msg + 5, last.endsWith("\"") ? last.length() - 1 : last.length());
            }
            return last.replace("\\\"", "\"");
        }
    }

    /** The arguments that start a call: the runtime and its state directory. */
    public List<String> command(boolean creating, String... args) {
        return command(creating ? creator : binary, args);
    }

    /** The arguments that start a call of the runtime at {@code runtimePath} (the binary or the creator). */
    public List<String> command(Path runtimePath, String... args) {
        List<String> command = new ArrayList<>();
        command.add(runtimePath.toString());
        command.add("--root");
        command.add(stateRoot.toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Whether the runtime keeps state for container {@code id}: runc and crun both keep a directory named after it
     * under their root from {@code create} to {@code delete}. Without one a {@code delete} has nothing to do, and
     * starting the runtime only to hear that would cost a process.
     */
    public boolean hasState(String id) {
        return Files.isDirectory(stateRoot.resolve(id));
    }

    /**
     * Starts a process that creates a container with the runtime: {@code command} gets the path to run as the
     * creating runtime (conmon's {@code -r}) and returns the whole command line. On a hybrid cgroup host the JVM
     * hides the cgroup2 mount itself (see {@link HybridCgroupLauncher}) and the command gets crun itself, where
     * {@link NativeCalls} prefers system calls; else the wrapper script does it.
     */
    public Process startCreating(ProcessBuilder builder, Function<Path, List<String>> command) throws IOException {
        if (!creator.equals(binary) && NativeCalls.preferred()) {
            Optional<Process> started = HybridCgroupLauncher.start(builder.command(command.apply(binary)));
            if (started.isPresent()) {
                return started.get();
            }
        }
        return builder.command(command.apply(creator)).start();
    }

    /** Runs a call to the end and returns what it printed; never throws for a non-zero exit. */
    public Result call(String... args) {
        return run(command(false, args));
    }

    /** Runs a call and throws a {@link RuntimeFailureException} naming {@code what} when it fails. */
    public String check(String what, String... args) {
        Result r = call(args);
        if (r.exitCode() != 0) {
            throw new RuntimeFailureException(what + ": " + name + ": " + r.error());
        }
        return r.stdout();
    }

    static Result run(List<String> command) {
        try {
            Path out = Files.createTempFile("jcompose-rt-", ".out");
            Path err = Files.createTempFile("jcompose-rt-", ".err");
            try {
                // files, not pipes: a runtime that leaves a child behind (runc init) would keep a pipe open forever
                Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of(
                        "/dev/null").toFile())).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new RuntimeFailureException(String.join(" ", command) + ": no answer after 60 s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException("interrupted while running " + command.getFirst());
        }
    }
}
