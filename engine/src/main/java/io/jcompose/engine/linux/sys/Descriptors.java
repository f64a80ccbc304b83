package io.jcompose.engine.linux.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Raw file descriptors: what Java's streams hide, needed to take over another process's standard streams. */
public final class Descriptors {

    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;

    private Descriptors() {
    }

    /** Makes {@code target} refer to what {@code source} refers to (dup2(2)); {@code target} loses close-on-exec. */
    public static void duplicateOnto(int source, int target) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            int rc = (int) LibC.Dup2.HANDLE.invokeExact(state, source, target);
            if (rc < 0) {
                throw LibC.failure("dup2", source + " onto " + target, state);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** A new close-on-exec descriptor of /dev/null, for reading and writing. */
    public static int openNullDevice() throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            int fd = (int) LibC.Open.HANDLE.invokeExact(state, arena.allocateFrom("/dev/null"), O_RDWR | O_CLOEXEC);
            if (fd < 0) {
                throw LibC.failure("open", "/dev/null", state);
            }
            return fd;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** Closes {@code fd}; errors are ignored (Linux frees the descriptor even when close reports one). */
    public static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) LibC.Close.HANDLE.invokeExact(LibC.errnoState(arena), fd);
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** True when {@code fd} is a terminal. */
    public static boolean isTerminal(int fd) {
        try {
            return (int) LibC.Isatty.HANDLE.invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }
}
