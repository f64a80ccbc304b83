package io.jcompose.engine.linux.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * File metadata Java cannot set as needed: owners as numbers, the setuid, setgid and sticky bits, and times of
 * symbolic links and named pipes (Java opens a file to set its times, which blocks on a pipe).
 */
public final class FileMetadata {

    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    private FileMetadata() {
    }

    /** Sets the numeric owner of {@code path} itself, not of what it points to when it is a symbolic link. */
    public static void lchown(Path path, int uid, int gid) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            int rc = (int) LibC.Lchown.HANDLE.invokeExact(state, arena.allocateFrom(path.toString()), uid, gid);
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
            int rc = (int) LibC.Chmod.HANDLE.invokeExact(state, arena.allocateFrom(path.toString()), mode & 07777);
            if (rc != 0) {
                throw LibC.failure("chmod", path + ", " + Integer.toOctalString(mode & 07777), state);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** Sets access and modification time of {@code path} itself, without opening it or following a link. */
    public static void setTimes(Path path, FileTime accessed, FileTime modified) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            // struct timespec times[2]: {seconds, nanoseconds} for access, then for modification
            MemorySegment times = arena.allocate(ValueLayout.JAVA_LONG, 4);
            long[] values = {seconds(accessed), nanos(accessed), seconds(modified), nanos(modified)};
            MemorySegment.copy(values, 0, times, ValueLayout.JAVA_LONG, 0, 4);
            int rc = (int) LibC.Utimensat.HANDLE.invokeExact(state, AT_FDCWD, arena.allocateFrom(path.toString()), times,
                    AT_SYMLINK_NOFOLLOW);
            if (rc != 0) {
                throw LibC.failure("utimensat", path.toString(), state);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    private static long seconds(FileTime time) {
        return time.toInstant().getEpochSecond();
    }

    private static long nanos(FileTime time) {
        return time.toInstant().getNano();
    }
}
