package io.jcompose.engine.linux.runtime;

import io.jcompose.engine.linux.sys.ErrnoException;
import io.jcompose.engine.linux.sys.MountNamespaces;
import io.jcompose.engine.linux.sys.Mounts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Does in the JVM what the crun-hybrid wrapper script does with four processes (sh, unshare, sh, umount): starts a
 * process in a private mount namespace without the cgroup2 mount of a hybrid host, where crun agrees to run. A
 * short-lived platform thread does it: born in the JVM's namespace, it takes a copy of its own (a fresh one, so
 * that it has the container's rootfs mounted just before), makes it private (as {@code unshare -m} does, so that
 * nothing goes back to the host), unmounts the cgroup2 mount there and starts the process, which is born in that
 * copy. The rest of the JVM stays where it was. Each process of the script costs 5-20 ms on a busy machine, which
 * made a third of a container's start.
 */
final class HybridCgroupLauncher {

    private static final Path UNIFIED = Path.of("/sys/fs/cgroup/unified");

    /** Set once a start could not prepare the namespace: from then on the wrapper script does it. */
    private static volatile boolean broken;

    private HybridCgroupLauncher() {
    }

    /**
     * Starts {@code builder} in a namespace without the cgroup2 mount; empty when this JVM cannot make one (no
     * native access, a kernel that refuses), and the caller should use the wrapper script instead.
     */
    static Optional<Process> start(ProcessBuilder builder) throws IOException {
        if (broken) {
            return Optional.empty();
        }
        CompletableFuture<Optional<Process>> started = new CompletableFuture<>();
        // a thread per start, not a pool: a thread cannot go back to the JVM's namespace once it left it (setns
        // refuses it after the thread has started a process), and a new thread is born where its creator is
        Thread.ofPlatform().daemon().name("jcompose-hybrid-cgroup").start(() -> {
            try {
                MountNamespaces.unshare();
                Mounts.mount(null, Path.of("/"), null, Mounts.MS_REC | Mounts.MS_PRIVATE, null);
            } catch (ErrnoException | RuntimeException | LinkageError e) {
                broken = true;
                started.complete(Optional.empty());
                return;
            }
            try {
                Mounts.unmount(UNIFIED, Mounts.MNT_DETACH);
            } catch (ErrnoException notMounted) {
                // as the wrapper's "umount … 2>/dev/null": whatever crun then says is the error to show
            }
            try {
                started.complete(Optional.of(builder.start()));
            } catch (IOException | RuntimeException e) {
                started.completeExceptionally(e);
            }
        });
        try {
            return started.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case Error error -> throw error;
                case Throwable t -> throw new IOException(t);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + builder.command().getFirst());
        }
    }
}
