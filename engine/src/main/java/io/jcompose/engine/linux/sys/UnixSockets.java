package io.jcompose.engine.linux.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Unix stream sockets through libc, for what java.nio's own cannot do: the credentials of the peer (SO_PEERCRED) and
 * file descriptors passed with a message (SCM_RIGHTS). Sockets are plain descriptors, closed with
 * {@link Descriptors#close}; every one is made close-on-exec, so no child process inherits it.
 */
public final class UnixSockets {

    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_PEERCRED = 17;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int POLLIN = 1;
    private static final int EINTR = 4;
    /** sizeof(sockaddr_un.sun_path) on Linux, the terminating NUL included. */
    private static final int MAX_PATH_BYTES = 108;

    /** The process on the other end of a connection, as the kernel saw it when it connected. */
    public record PeerCredentials(int pid, int uid, int gid) {
    }

    /** Bytes read by {@link #receive}, with the descriptors that came with them (already close-on-exec). */
    public record Received(int length, int[] descriptors) {
    }

    private UnixSockets() {
    }

    /** A socket bound to {@code path} (which must not exist) and listening. */
    public static int listen(Path path, int backlog) throws ErrnoException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= MAX_PATH_BYTES) {
            throw new ErrnoException("bind", path.toString(), 36, "File name too long");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            int fd = (int) LibC.Socket.HANDLE.invokeExact(state, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw LibC.failure("socket", path.toString(), state);
            }
            MemorySegment address = arena.allocate(2 + MAX_PATH_BYTES);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
            int rc = (int) LibC.Bind.HANDLE.invokeExact(state, fd, address, (int) address.byteSize());
            if (rc == 0) {
                rc = (int) LibC.Listen.HANDLE.invokeExact(state, fd, backlog);
                if (rc == 0) {
                    return fd;
                }
            }
            ErrnoException failure = LibC.failure(rc == 0 ? "listen" : "bind", path.toString(), state);
            Descriptors.close(fd);
            throw failure;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** A call that returns -1 and sets errno on failure. */
    private interface Call {
        long invoke() throws Throwable;
    }

    /** Makes {@code call} again while a signal interrupts it (EINTR); any other failure is an ErrnoException. */
    private static long retrying(String name, int fd, MemorySegment state, Call call) throws Throwable {
        while (true) {
            long result = call.invoke();
            if (result >= 0) {
                return result;
            }
            ErrnoException failure = LibC.failure(name, "fd " + fd, state);
            if (failure.errno() != EINTR) {
                throw failure;
            }
        }
    }

    /** Waits up to {@code timeoutMillis} until {@code fd} has something to read (or a connection to accept). */
    public static boolean readable(int fd, int timeoutMillis) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            MemorySegment pollfd = arena.allocate(8);
            pollfd.set(ValueLayout.JAVA_INT, 0, fd);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, (short) POLLIN);
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                int left = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
                int rc = (int) LibC.Poll.HANDLE.invokeExact(state, pollfd, 1L, timeoutMillis < 0 ? -1 : left);
                if (rc >= 0) {
                    return rc > 0;
                }
                ErrnoException failure = LibC.failure("poll", "fd " + fd, state);
                // a signal to this thread (one a client forwarded, a profiler's) is no answer: wait the time left
                if (failure.errno() != EINTR) {
                    throw failure;
                }
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** Accepts a connection on a listening socket: a new close-on-exec descriptor. */
    public static int accept(int listener) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            return (int) retrying("accept4", listener, state, () -> (int) LibC.Accept4.HANDLE.invokeExact(state,
                    listener, MemorySegment.NULL, MemorySegment.NULL, SOCK_CLOEXEC));
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** Who is on the other end of {@code fd}. */
    public static PeerCredentials peer(int fd) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            MemorySegment ucred = arena.allocate(12);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, 12);
            int rc = (int) LibC.Getsockopt.HANDLE.invokeExact(state, fd, SOL_SOCKET, SO_PEERCRED, ucred, length);
            if (rc != 0) {
                throw LibC.failure("getsockopt", "SO_PEERCRED of fd " + fd, state);
            }
            return new PeerCredentials(ucred.get(ValueLayout.JAVA_INT, 0), ucred.get(ValueLayout.JAVA_INT, 4),
                    ucred.get(ValueLayout.JAVA_INT, 8));
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /**
     * Reads up to {@code buffer.length - offset} bytes into {@code buffer} with recvmsg(2), and up to
     * {@code maxDescriptors} descriptors passed along with them. A length of 0 means the peer closed.
     */
    public static Received receive(int fd, byte[] buffer, int offset, int maxDescriptors) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            int room = buffer.length - offset;
            MemorySegment data = arena.allocate(Math.max(room, 1));
            MemorySegment iov = arena.allocate(16, 8);
            iov.set(ValueLayout.ADDRESS, 0, data);
            iov.set(ValueLayout.JAVA_LONG, 8, room);
            // CMSG_SPACE(n * sizeof(int)): a 16-byte header, the data rounded up to 8 bytes
            long controlLength = 16 + ((maxDescriptors * 4L + 7) & ~7L);
            MemorySegment control = arena.allocate(controlLength, 8);
            MemorySegment header = arena.allocate(56, 8);
            header.set(ValueLayout.ADDRESS, 16, iov);
            header.set(ValueLayout.JAVA_LONG, 24, 1L);
            header.set(ValueLayout.ADDRESS, 32, control);
            header.set(ValueLayout.JAVA_LONG, 40, controlLength);
            long n = retrying("recvmsg", fd, state,
                    () -> (long) LibC.Recvmsg.HANDLE.invokeExact(state, fd, header, MSG_CMSG_CLOEXEC));
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, 0, buffer, offset, (int) n);
            long usedControl = header.get(ValueLayout.JAVA_LONG, 40);
            int[] descriptors = new int[0];
            if (usedControl >= 16 && control.get(ValueLayout.JAVA_INT, 8) == SOL_SOCKET
                    && control.get(ValueLayout.JAVA_INT, 12) == SCM_RIGHTS) {
                int count = (int) ((control.get(ValueLayout.JAVA_LONG, 0) - 16) / 4);
                descriptors = new int[count];
                for (int i = 0; i < count; i++) {
                    descriptors[i] = control.get(ValueLayout.JAVA_INT, 16 + 4L * i);
                }
            }
            return new Received((int) n, descriptors);
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** Reads what is there, at most {@code length} bytes; 0 when the peer closed. */
    public static int read(int fd, byte[] buffer, int offset, int length) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            MemorySegment data = arena.allocate(Math.max(length, 1));
            long n = retrying("read", fd, state,
                    () -> (long) LibC.Read.HANDLE.invokeExact(state, fd, data, (long) length));
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, 0, buffer, offset, (int) n);
            return (int) n;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /**
     * Ends the reading side of {@code fd}: a thread blocked reading it returns at once as at the end of input. A
     * JVM waits up to 300 ms at exit for threads blocked in native code, and this is how one gets out.
     */
    public static void shutdownInput(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) LibC.Shutdown.HANDLE.invokeExact(LibC.errnoState(arena), fd, 0);
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** Writes all of {@code bytes}; a peer that has gone away is an EPIPE error, never a SIGPIPE. */
    public static void send(int fd, byte[] bytes) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = LibC.errnoState(arena);
            MemorySegment data = arena.allocateFrom(ValueLayout.JAVA_BYTE, bytes);
            for (long done = 0; done < bytes.length; ) {
                MemorySegment rest = data.asSlice(done);
                long count = bytes.length - done;
                done += retrying("send", fd, state,
                        () -> (long) LibC.Send.HANDLE.invokeExact(state, fd, rest, count, MSG_NOSIGNAL));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }
}
