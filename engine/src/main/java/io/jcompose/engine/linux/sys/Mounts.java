package io.jcompose.engine.linux.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * mount(2) and umount2(2): overlay filesystems for container root filesystems, bind mounts, tmpfs. Needs root
 * (CAP_SYS_ADMIN in the mount namespace).
 */
public final class Mounts {

    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_REMOUNT = 32;
    public static final long MS_BIND = 4096;
    public static final long MS_MOVE = 8192;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1L << 18;
    public static final long MS_SLAVE = 1L << 19;
    public static final long MS_SHARED = 1L << 20;

    /** umount2 flag: abort pending requests (network filesystems). */
    public static final int MNT_FORCE = 1;
    /** umount2 flag: detach now, clean up once the mount is no longer busy. */
    public static final int MNT_DETACH = 2;

    private Mounts() {
    }

    /**
     * Mounts as mount(2) does; {@code source}, {@code fstype} and {@code data} may be {@code null} where the kernel
     * ignores them (a bind mount has no type, a remount no source).
     */
    public static void mount(String source, Path target, String fstype, long flags, String data)
            throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            int rc = (int) LibC.Mount.HANDLE.invokeExact(state, LibC.string(arena, source),
                    arena.allocateFrom(target.toString()), LibC.string(arena, fstype), flags, LibC.string(arena, data));
            if (rc != 0) {
                throw LibC.failure("mount", (source == null ? "" : source + " on ") + target
                        + (fstype == null ? "" : " type " + fstype), state);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** Bind-mounts {@code source} on {@code target}, recursively (with the mounts below it) when asked. */
    public static void bind(Path source, Path target, boolean recursive) throws ErrnoException {
        mount(source.toString(), target, null, MS_BIND | (recursive ? MS_REC : 0), null);
    }

    /** Unmounts {@code target}; {@code flags} is 0 or a combination of {@link #MNT_DETACH}, {@link #MNT_FORCE}. */
    public static void unmount(Path target, int flags) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            int rc = (int) LibC.Umount2.HANDLE.invokeExact(state, arena.allocateFrom(target.toString()), flags);
            if (rc != 0) {
                throw LibC.failure("umount2", target.toString(), state);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }
}
