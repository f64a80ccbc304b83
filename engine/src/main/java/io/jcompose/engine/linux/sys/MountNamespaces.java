package io.jcompose.engine.linux.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * unshare(2) of the mount namespace, for the calling thread only. A thread may leave the mount namespace of the
 * rest of the JVM (the kernel gives it a filesystem context of its own), and the processes it starts are born in
 * its namespace: so one thread can prepare a namespace for a child without touching the JVM's other threads.
 */
public final class MountNamespaces {

    private static final int CLONE_NEWNS = 0x00020000;

    private MountNamespaces() {
    }

    /** Moves the calling thread into a new mount namespace, a copy of its current one. */
    public static void unshare() throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            if ((int) LibC.Unshare.HANDLE.invokeExact(state, CLONE_NEWNS) != 0) {
                throw LibC.failure("unshare", "CLONE_NEWNS", state);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }
}
