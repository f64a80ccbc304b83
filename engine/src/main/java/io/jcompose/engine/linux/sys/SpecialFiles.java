package io.jcompose.engine.linux.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/** Creates the files Java cannot: named pipes and overlayfs whiteouts (character devices 0:0). */
public final class SpecialFiles {

    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private SpecialFiles() {
    }

    /**
     * Creates an overlayfs whiteout at {@code path}: a character device with device number 0:0, which hides the
     * lower layers' file of that name. Needs root (CAP_MKNOD).
     */
    public static void createWhiteout(Path path) throws ErrnoException {
        mknod(path, S_IFCHR, 0);
    }

    /** Creates a named pipe with the permission bits of {@code mode} (the umask still applies, as for mkfifo). */
    public static void createFifo(Path path, int mode) throws ErrnoException {
        mknod(path, S_IFIFO | (mode & 07777), 0);
    }

    private static void mknod(Path path, int mode, long device) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            int rc = (int) LibC.Mknod.HANDLE.invokeExact(state, arena.allocateFrom(path.toString()), mode, device);
            if (rc != 0) {
                throw LibC.failure("mknod", path.toString(), state);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }
}
