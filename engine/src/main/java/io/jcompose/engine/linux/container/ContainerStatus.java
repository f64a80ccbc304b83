package io.jcompose.engine.linux.container;

import io.jcompose.planner.observed.ContainerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A container's state as observed now: from its exit file (written by its monitor when the container's main process
 * ends), the liveness of its monitor and of its main process, and the record. Nothing here trusts a pid blindly: a
 * zombie or a pid reused by another program counts as gone.
 *
 * @param pid the container's main process on the host while it runs
 */
public record ContainerStatus(ContainerState state, int exitCode, Optional<Instant> finishedAt,
                              Optional<Long> pid) {

    public boolean running() {
        return state == ContainerState.RUNNING || state == ContainerState.PAUSED;
    }

    public static ContainerStatus of(ContainerRecord record, ContainerStore store) {
        if (record.started().isEmpty()) {
            return new ContainerStatus(ContainerState.CREATED, 0, Optional.empty(), Optional.empty());
        }
        Path run = store.runDir(record.id());
        if (Files.exists(run.resolve("restarting"))) {
            // exited, and its supervisor will start it again after the restart delay
            return new ContainerStatus(ContainerState.RESTARTING, readExitCode(store.exitFile(record.id()))
                    .or(record::exitCode).orElse(0), record.finished(), Optional.empty());
        }
        Optional<Integer> code = readExitCode(store.exitFile(record.id()));
        if (code.isPresent()) {
            return new ContainerStatus(ContainerState.EXITED, code.get(), mtime(store.exitFile(record.id())),
                    Optional.empty());
        }
        Optional<Long> pid = readPid(run.resolve("pidfile")).filter(ContainerStatus::alive);
        boolean monitored = readPid(run.resolve("monitor.pid")).filter(p -> alive(p) && isMonitor(p)).isPresent();
        if (pid.isPresent() || monitored) {
            return new ContainerStatus(record.paused() ? ContainerState.PAUSED : ContainerState.RUNNING, 0,
                    Optional.empty(), pid);
        }
        // the monitor writes the exit file and ends between our first look at it and the one at the monitor: look again
        // before taking the container for one whose monitor died (seen as a rare exit code 255 of a short container)
        Optional<Integer> late = readExitCode(store.exitFile(record.id()));
        if (late.isPresent()) {
            return new ContainerStatus(ContainerState.EXITED, late.get(), mtime(store.exitFile(record.id())),
                    Optional.empty());
        }
        // no exit file and nothing alive: the host rebooted, or the monitor was killed with the container
        return new ContainerStatus(ContainerState.EXITED, record.exitCode().orElse(255),
                record.finished().or(() -> mtime(run.resolve("pidfile"))), Optional.empty());
    }

    /**
     * Whether a process is starting the container right now: between its first step and the runtime's pid file the
     * container is neither running nor exited, and a supervisor must not take it for a dead one. A marker older
     * than a minute is a start that was killed half-way, which no longer counts.
     */
    public static boolean starting(ContainerStore store, String id) {
        Path marker = store.runDir(id).resolve("starting");
        return mtime(marker).filter(t -> t.isAfter(Instant.now().minusSeconds(60))).isPresent();
    }

    static Optional<Integer> readExitCode(Path file) {
        try {
            String text = Files.isRegularFile(file) ? Files.readString(file).strip() : "";
            return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Long> readPid(Path file) {
        try {
            String text = Files.isRegularFile(file) ? Files.readString(file).strip() : "";
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Exists and is not a zombie (a zombie has exited; only its exit status waits to be collected). */
    public static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isMonitor(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip()
                    .equals(ContainerMonitor.PROCESS_NAME);
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Instant> mtime(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.getLastModifiedTime(file).toInstant()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
