package io.jcompose.engine.linux.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongPredicate;

/** This process's session, signals and CPU scheduling, for a JVM that waits in the background for work. */
public final class ProcessControl {

    private static final int SCHED_OTHER = 0;
    private static final int SCHED_IDLE = 5;
    private static final int PRIO_PROCESS = 0;
    private static final int ESRCH = 3;

    private ProcessControl() {
    }

    /** Makes this process the leader of a new session and process group, with no controlling terminal. */
    public static void newSession() throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            if ((int) LibC.Setsid.HANDLE.invokeExact(state) < 0) {
                throw LibC.failure("setsid", "", state);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** kill(2): {@code pid} 0 is this process's group, as a terminal's signal reaches a foreground job. */
    public static void signal(long pid, int signal) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            if ((int) LibC.Kill.HANDLE.invokeExact(state, (int) pid, signal) < 0) {
                throw LibC.failure("kill", "process " + pid, state);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /**
     * Sends {@code signal} to process {@code pid} if {@code stillOurs} holds for it once it is pinned by a pidfd, so
     * that the signal reaches the process that was checked and never one that took its pid after it ended. False
     * when the process has gone or is not ours.
     */
    public static boolean signalIf(long pid, int signal, LongPredicate stillOurs) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            int pidfd = (int) LibC.PidfdOpen.HANDLE.invokeExact(state, (int) pid, 0);
            if (pidfd < 0) {
                throw LibC.failure("pidfd_open", "process " + pid, state);
            }
            try {
                if (!stillOurs.test(pid)) {
                    return false;
                }
                if ((int) LibC.PidfdSendSignal.HANDLE.invokeExact(state, pidfd, signal, MemorySegment.NULL, 0) < 0) {
                    throw LibC.failure("pidfd_send_signal", "process " + pid, state);
                }
                return true;
            } finally {
                Descriptors.close(pidfd);
            }
        } catch (ErrnoException e) {
            if (e.errno() == ESRCH) {
                return false;
            }
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /**
     * Lowers every thread of this process to the least CPU priority it can get back from: nice 19 as root, else the
     * idle policy (an unprivileged process may leave it, but not undo a nice). Linux schedules threads, not
     * processes, so each is set: the JVM has a dozen of its own (compilers, the collector); threads started later
     * inherit from the thread that starts them. Nice rather than idle where possible: an idle thread that holds a
     * kernel lock (a page of a file another JVM maps too) may wait long for the CPU, and others wait behind it.
     */
    public static void lowPriority() throws IOException {
        if (ProcessIdentity.isRoot()) {
            schedule(SCHED_OTHER, 19);
        } else {
            schedule(SCHED_IDLE, 0);
        }
    }

    /** Puts every thread of this process back on the normal policy at nice 0 (see {@link #lowPriority}). */
    public static void normalPriority() throws IOException {
        schedule(SCHED_OTHER, 0);
    }

    private static void schedule(int policy, int nice) throws IOException {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"));
             Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            MemorySegment parameters = arena.allocate(ValueLayout.JAVA_INT);
            for (Path task : tasks) {
                int tid = Integer.parseInt(task.getFileName().toString());
                // a thread that ended meanwhile fails with ESRCH: nothing to do for it
                int ignored = (int) LibC.SchedSetscheduler.HANDLE.invokeExact(state, tid, policy, parameters);
                ignored = (int) LibC.Setpriority.HANDLE.invokeExact(state, PRIO_PROCESS, tid, nice);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }
}
