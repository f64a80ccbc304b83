package io.jcompose.engine.linux.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Extended attributes of a file, never following a symbolic link (a link's own attributes are meant). Names carry
 * their namespace ({@code user.}, {@code trusted.}, {@code security.}); {@code trusted.*} needs root.
 */
public final class Xattrs {

    private Xattrs() {
    }

    /** Sets {@code name} to {@code value}, creating or replacing it. */
    public static void set(Path file, String name, byte[] value) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            MemorySegment bytes = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, bytes, ValueLayout.JAVA_BYTE, 0, value.length);
            int rc = (int) LibC.Lsetxattr.HANDLE.invokeExact(state, arena.allocateFrom(file.toString()),
                    arena.allocateFrom(name), bytes, (long) value.length, 0);
            if (rc != 0) {
                throw LibC.failure("lsetxattr", file + ", " + name, state);
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** The value of {@code name}, empty when the file does not have it. */
    public static Optional<byte[]> get(Path file, String name) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            MemorySegment path = arena.allocateFrom(file.toString());
            MemorySegment cname = arena.allocateFrom(name);
            // the size query and the read are two calls: when the value grows in between, the read says ERANGE
            while (true) {
                long size = (long) LibC.Lgetxattr.HANDLE.invokeExact(state, path, cname, MemorySegment.NULL, 0L);
                if (size < 0) {
                    ErrnoException e = LibC.failure("lgetxattr", file + ", " + name, state);
                    if (e.errno() == ErrnoException.ENODATA) {
                        return Optional.empty();
                    }
                    throw e;
                }
                MemorySegment buffer = arena.allocate(Math.max(1, size));
                long read = (long) LibC.Lgetxattr.HANDLE.invokeExact(state, path, cname, buffer, size);
                if (read >= 0) {
                    return Optional.of(buffer.asSlice(0, read).toArray(ValueLayout.JAVA_BYTE));
                }
                ErrnoException e = LibC.failure("lgetxattr", file + ", " + name, state);
                if (e.errno() == ErrnoException.ENODATA) {
                    return Optional.empty();
                }
                if (e.errno() != ErrnoException.ERANGE) {
                    throw e;
                }
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** The names of the attributes the file has (only those of namespaces the caller may read). */
    public static List<String> list(Path file) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            MemorySegment path = arena.allocateFrom(file.toString());
            while (true) {
                long size = (long) LibC.Llistxattr.HANDLE.invokeExact(state, path, MemorySegment.NULL, 0L);
                if (size < 0) {
                    throw LibC.failure("llistxattr", file.toString(), state);
                }
                MemorySegment buffer = arena.allocate(Math.max(1, size));
                long read = (long) LibC.Llistxattr.HANDLE.invokeExact(state, path, buffer, size);
                if (read >= 0) {
                    return names(buffer.asSlice(0, read).toArray(ValueLayout.JAVA_BYTE));
                }
                ErrnoException e = LibC.failure("llistxattr", file.toString(), state);
                if (e.errno() != ErrnoException.ERANGE) {
                    throw e;
                }
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** The kernel returns the names one after the other, each ended by a NUL byte. */
    private static List<String> names(byte[] list) {
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < list.length; i++) {
            if (list[i] == 0) {
                if (i > start) {
                    names.add(new String(list, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return names;
    }
}
