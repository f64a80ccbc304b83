package io.jcompose.engine.linux.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc functions Java has no API for, bound once through the FFM API. Every call that can fail captures errno
 * right after the call (the JVM may overwrite it before Java code could read it otherwise), and failures become
 * {@link ErrnoException}s; the public classes of this package are the friendly faces of these calls.
 */
final class LibC {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final VarHandle ERRNO = Linker.Option.captureStateLayout()
            .varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final java.lang.foreign.AddressLayout PTR = ValueLayout.ADDRESS;

    // One holder class per function: a binding is made at its first use (the FFM API generates classes for each,
    // several ms apiece in the CLI), so a command binds only the calls it makes.

    static final class Mknod {
        static final MethodHandle HANDLE = failing("mknod", FunctionDescriptor.of(INT, PTR, INT, LONG));
    }

    static final class Chmod {
        static final MethodHandle HANDLE = failing("chmod", FunctionDescriptor.of(INT, PTR, INT));
    }

    static final class Lchown {
        static final MethodHandle HANDLE = failing("lchown", FunctionDescriptor.of(INT, PTR, INT, INT));
    }

    static final class Utimensat {
        static final MethodHandle HANDLE = failing("utimensat", FunctionDescriptor.of(INT, INT, PTR, PTR, INT));
    }

    static final class Lsetxattr {
        static final MethodHandle HANDLE = failing("lsetxattr", FunctionDescriptor.of(INT, PTR, PTR, PTR, LONG, INT));
    }

    static final class Lgetxattr {
        static final MethodHandle HANDLE = failing("lgetxattr", FunctionDescriptor.of(LONG, PTR, PTR, PTR, LONG));
    }

    static final class Llistxattr {
        static final MethodHandle HANDLE = failing("llistxattr", FunctionDescriptor.of(LONG, PTR, PTR, LONG));
    }

    static final class Mount {
        static final MethodHandle HANDLE = failing("mount", FunctionDescriptor.of(INT, PTR, PTR, PTR, LONG, PTR));
    }

    static final class Umount2 {
        static final MethodHandle HANDLE = failing("umount2", FunctionDescriptor.of(INT, PTR, INT));
    }

    static final class Unshare {
        static final MethodHandle HANDLE = failing("unshare", FunctionDescriptor.of(INT, INT));
    }

    static final class Socket {
        static final MethodHandle HANDLE = failing("socket", FunctionDescriptor.of(INT, INT, INT, INT));
    }

    static final class Bind {
        static final MethodHandle HANDLE = failing("bind", FunctionDescriptor.of(INT, INT, PTR, INT));
    }

    static final class Listen {
        static final MethodHandle HANDLE = failing("listen", FunctionDescriptor.of(INT, INT, INT));
    }

    static final class Accept4 {
        static final MethodHandle HANDLE = failing("accept4", FunctionDescriptor.of(INT, INT, PTR, PTR, INT));
    }

    static final class Poll {
        static final MethodHandle HANDLE = failing("poll", FunctionDescriptor.of(INT, PTR, LONG, INT));
    }

    static final class Getsockopt {
        static final MethodHandle HANDLE = failing("getsockopt", FunctionDescriptor.of(INT, INT, INT, INT, PTR, PTR));
    }

    static final class Recvmsg {
        static final MethodHandle HANDLE = failing("recvmsg", FunctionDescriptor.of(LONG, INT, PTR, INT));
    }

    static final class Send {
        static final MethodHandle HANDLE = failing("send", FunctionDescriptor.of(LONG, INT, PTR, LONG, INT));
    }

    static final class Shutdown {
        static final MethodHandle HANDLE = failing("shutdown", FunctionDescriptor.of(INT, INT, INT));
    }

    static final class Read {
        static final MethodHandle HANDLE = failing("read", FunctionDescriptor.of(LONG, INT, PTR, LONG));
    }

    static final class Close {
        static final MethodHandle HANDLE = failing("close", FunctionDescriptor.of(INT, INT));
    }

    static final class Open {
        // open is variadic (the mode comes only with O_CREAT): declared so, with no variadic argument
        static final MethodHandle HANDLE = LINKER.downcallHandle(symbol("open"), FunctionDescriptor.of(INT, PTR, INT),
                CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    }

    static final class MemfdCreate {
        static final MethodHandle HANDLE = failing("memfd_create", FunctionDescriptor.of(INT, PTR, INT));
    }

    static final class Lseek {
        static final MethodHandle HANDLE = failing("lseek", FunctionDescriptor.of(LONG, INT, LONG, INT));
    }

    static final class Dup2 {
        static final MethodHandle HANDLE = failing("dup2", FunctionDescriptor.of(INT, INT, INT));
    }

    static final class Isatty {
        static final MethodHandle HANDLE = LINKER.downcallHandle(symbol("isatty"), FunctionDescriptor.of(INT, INT));
    }

    static final class Setsid {
        static final MethodHandle HANDLE = failing("setsid", FunctionDescriptor.of(INT));
    }

    static final class Kill {
        static final MethodHandle HANDLE = failing("kill", FunctionDescriptor.of(INT, INT, INT));
    }

    static final class PidfdOpen {
        static final MethodHandle HANDLE = failing("pidfd_open", FunctionDescriptor.of(INT, INT, INT));
    }

    static final class PidfdSendSignal {
        static final MethodHandle HANDLE = failing("pidfd_send_signal", FunctionDescriptor.of(INT, INT, INT, PTR,
                INT));
    }

    static final class SchedSetscheduler {
        static final MethodHandle HANDLE = failing("sched_setscheduler", FunctionDescriptor.of(INT, INT, INT, PTR));
    }

    static final class Setpriority {
        static final MethodHandle HANDLE = failing("setpriority", FunctionDescriptor.of(INT, INT, INT, INT));
    }

    static final class Geteuid {
        static final MethodHandle HANDLE = LINKER.downcallHandle(symbol("geteuid"), FunctionDescriptor.of(INT));
    }

    static final class Strerror {
        static final MethodHandle HANDLE = LINKER.downcallHandle(symbol("strerror"), FunctionDescriptor.of(PTR, INT));
    }

    static {
        NativeCalls.markBound();
    }

    private LibC() {
    }

    /** A handle whose first argument is the segment errno is captured into (see {@link #errnoState}). */
    private static MethodHandle failing(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO);
    }

    private static MemorySegment symbol(String name) {
        return LOOKUP.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    }

    /** Room for the errno of one call, allocated in the caller's arena. */
    static MemorySegment errnoState(Arena arena) {
        return arena.allocate(Linker.Option.captureStateLayout());
    }

    /** A C string in {@code arena}, or the null pointer for {@code null}. */
    static MemorySegment string(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
    }

    /** The exception for a call that returned -1, with errno read from {@code state}. */
    static ErrnoException failure(String call, String subject, MemorySegment state) {
        int errno = (int) ERRNO.get(state, 0L);
        return new ErrnoException(call, subject, errno, strerror(errno));
    }

    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) Strerror.HANDLE.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable e) {
            return "errno " + errno;
        }
    }

    /** Rethrows what a downcall threw; downcalls throw nothing checked, so this only sees errors. */
    static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
