package io.jcompose.engine.linux.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Owner and full mode of a file as numbers: Java's attribute views take names, not ids, and cannot set the setuid,
 * setgid and sticky bits.
 */
public final class FileOwnership {

    private FileOwnership() {
    }

    /** Sets the numeric owner of {@code path} itself, not of what it points to when it is a symbolic link. */
    public static void lchown(Path path, int uid, int gid) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            int rc = (int) LibC.LCHOWN.invokeExact(state, arena.allocateFrom(path.toString()), uid, gid);
            if (rc != 0) {
                throw LibC.failure("lchown", path + ", " + Integer.toUnsignedString(uid) + ":"
                        + Integer.toUnsignedString(gid), state);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /**
     * Sets all twelve mode bits (permissions, setuid, setgid, sticky). Follows symbolic links, as chmod(2) does:
     * callers apply it to files they know are not links. Call it after {@link #lchown}, which clears setuid/setgid.
     */
    public static void chmod(Path path, int mode) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            int rc = (int) LibC.CHMOD.invokeExact(state, arena.allocateFrom(path.toString()), mode & 07777);
            if (rc != 0) {
                throw LibC.failure("chmod", path + ", " + Integer.toOctalString(mode & 07777), state);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }
}
