package io.jcompose.engine.linux.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.OptionalInt;

/**
 * A filter being built by the host's libseccomp (the library the OCI runtimes compile {@code linux.seccomp} with),
 * through the FFM API: the calls one at a time, as a runtime makes them, and the BPF program they produce. The
 * library is bound at the first call; where it cannot be loaded that call throws a {@link LinkageError} (the
 * binding's class fails to initialise), and without native access an {@link IllegalCallerException}.
 */
public final class LibSeccomp implements AutoCloseable {

    /** One {@code struct scmp_arg_cmp}: argument {@code index} compared by {@code op} with the data. */
    public record ArgCompare(int index, int op, long datumA, long datumB) {
    }

    private static final int EEXIST = 17;
    /** {@code __NR_SCMP_ERROR}: what seccomp_syscall_resolve_name returns for a name it does not know. */
    private static final int NR_SCMP_ERROR = -1;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final java.lang.foreign.AddressLayout PTR = ValueLayout.ADDRESS;
    /** struct scmp_arg_cmp { unsigned int arg; enum scmp_compare op; scmp_datum_t datum_a, datum_b; } */
    private static final StructLayout ARG_CMP = MemoryLayout.structLayout(INT.withName("arg"), INT.withName("op"),
            LONG.withName("datum_a"), LONG.withName("datum_b"));

    /** All functions, bound together at first use (a build needs every one of them). */
    private static final class Functions {
        static final Linker LINKER = Linker.nativeLinker();
        static final SymbolLookup LIBRARY = SymbolLookup.libraryLookup("libseccomp.so.2", Arena.global());
        static final MethodHandle INIT = bind("seccomp_init", FunctionDescriptor.of(PTR, INT));
        static final MethodHandle RELEASE = bind("seccomp_release", FunctionDescriptor.ofVoid(PTR));
        static final MethodHandle ARCH_RESOLVE_NAME = bind("seccomp_arch_resolve_name",
                FunctionDescriptor.of(INT, PTR));
        static final MethodHandle ARCH_ADD = bind("seccomp_arch_add", FunctionDescriptor.of(INT, PTR, INT));
        static final MethodHandle SYSCALL_RESOLVE_NAME = bind("seccomp_syscall_resolve_name",
                FunctionDescriptor.of(INT, PTR));
        // variadic in C; called with no condition, as runtimes call it for a rule without arguments
        static final MethodHandle RULE_ADD = LINKER.downcallHandle(LIBRARY.findOrThrow("seccomp_rule_add"),
                FunctionDescriptor.of(INT, PTR, INT, INT, INT), Linker.Option.firstVariadicArg(4));
        static final MethodHandle RULE_ADD_ARRAY = bind("seccomp_rule_add_array",
                FunctionDescriptor.of(INT, PTR, INT, INT, INT, PTR));
        static final MethodHandle EXPORT_BPF = bind("seccomp_export_bpf", FunctionDescriptor.of(INT, PTR, INT));

        static {
            NativeCalls.markBound();
        }

        private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(LIBRARY.findOrThrow(name), descriptor);
        }
    }

    private MemorySegment context;

    private LibSeccomp(MemorySegment context) {
        this.context = context;
    }

    /** seccomp_init: a filter whose default action is {@code defaultAction}, for the native architecture. */
    public static LibSeccomp create(int defaultAction) {
        MemorySegment ctx;
        try {
            ctx = (MemorySegment) Functions.INIT.invokeExact(defaultAction);
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
        if (ctx.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException("seccomp_init refused default action 0x"
                    + Integer.toHexString(defaultAction));
        }
        return new LibSeccomp(ctx);
    }

    /** seccomp_arch_resolve_name: the token of a libseccomp architecture name ({@code x86_64}), 0 if unknown. */
    public static int resolveArchitecture(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) Functions.ARCH_RESOLVE_NAME.invokeExact(arena.allocateFrom(name));
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** seccomp_syscall_resolve_name: the number of a system call on the native architecture, if libseccomp knows it. */
    public static OptionalInt resolveSyscall(String name) {
        try (Arena arena = Arena.ofConfined()) {
            int nr = (int) Functions.SYSCALL_RESOLVE_NAME.invokeExact(arena.allocateFrom(name));
            return nr == NR_SCMP_ERROR ? OptionalInt.empty() : OptionalInt.of(nr);
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** seccomp_arch_add; an architecture already present (the native one) is no error. */
    public void addArchitecture(int token) {
        int rc;
        try {
            rc = (int) Functions.ARCH_ADD.invokeExact(context(), token);
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
        if (rc < 0 && rc != -EEXIST) {
            throw failure("seccomp_arch_add", rc);
        }
    }

    /** seccomp_rule_add with no argument condition. */
    public void addRule(int action, int syscall) {
        int rc;
        try {
            rc = (int) Functions.RULE_ADD.invokeExact(context(), action, syscall, 0);
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
        if (rc < 0) {
            throw failure("seccomp_rule_add", rc);
        }
    }

    /** seccomp_rule_add_array: the rule matches when all {@code conditions} hold. */
    public void addRule(int action, int syscall, List<ArgCompare> conditions) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocate(ARG_CMP, Math.max(1, conditions.size()));
            for (int i = 0; i < conditions.size(); i++) {
                ArgCompare c = conditions.get(i);
                long base = i * ARG_CMP.byteSize();
                array.set(INT, base, c.index());
                array.set(INT, base + 4, c.op());
                array.set(LONG, base + 8, c.datumA());
                array.set(LONG, base + 16, c.datumB());
            }
            int rc = (int) Functions.RULE_ADD_ARRAY.invokeExact(context(), action, syscall, conditions.size(),
                    array);
            if (rc < 0) {
                throw failure("seccomp_rule_add_array", rc);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    /** seccomp_export_bpf into a memfd: the raw program, 8 bytes per instruction, as the kernel is given it. */
    public byte[] exportBpf() {
        int fd = Memfd.create("jcompose-seccomp");
        try {
            int rc;
            try {
                rc = (int) Functions.EXPORT_BPF.invokeExact(context(), fd);
            } catch (Throwable t) {
                throw LibC.unexpected(t);
            }
            if (rc < 0) {
                throw failure("seccomp_export_bpf", rc);
            }
            return Memfd.readAll(fd);
        } finally {
            Descriptors.close(fd);
        }
    }

    /** seccomp_release. */
    @Override
    public void close() {
        if (context != null) {
            try {
                Functions.RELEASE.invokeExact(context);
            } catch (Throwable t) {
                throw LibC.unexpected(t);
            } finally {
                context = null;
            }
        }
    }

    private MemorySegment context() {
        if (context == null) {
            throw new IllegalStateException("the seccomp filter was released");
        }
        return context;
    }

    private static IllegalStateException failure(String call, int rc) {
        return new IllegalStateException(call + " failed: " + LibC.strerror(-rc));
    }

    /** The anonymous file the program is exported into (libseccomp writes to a descriptor). */
    private static final class Memfd {
        private static final int MFD_CLOEXEC = 1;
        private static final int SEEK_SET = 0;

        static int create(String name) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = LibC.errnoState(arena);
                int fd = (int) LibC.MemfdCreate.HANDLE.invokeExact(state, arena.allocateFrom(name), MFD_CLOEXEC);
                if (fd < 0) {
                    throw new IllegalStateException(LibC.failure("memfd_create", name, state).getMessage());
                }
                return fd;
            } catch (IllegalStateException e) {
                throw e;
            } catch (Throwable t) {
                throw LibC.unexpected(t);
            }
        }

        static byte[] readAll(int fd) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = LibC.errnoState(arena);
                long size = (long) LibC.Lseek.HANDLE.invokeExact(state, fd, 0L, 2 /* SEEK_END */);
                if (size < 0 || (long) LibC.Lseek.HANDLE.invokeExact(state, fd, 0L, SEEK_SET) < 0) {
                    throw new IllegalStateException(LibC.failure("lseek", "memfd", state).getMessage());
                }
                MemorySegment buffer = arena.allocate(Math.max(1, size));
                long done = 0;
                while (done < size) {
                    long n = (long) LibC.Read.HANDLE.invokeExact(state, fd, buffer.asSlice(done), size - done);
                    if (n <= 0) {
                        throw new IllegalStateException("cannot read the exported seccomp program");
                    }
                    done += n;
                }
                return buffer.asSlice(0, size).toArray(ValueLayout.JAVA_BYTE);
            } catch (IllegalStateException e) {
                throw e;
            } catch (Throwable t) {
                throw LibC.unexpected(t);
            }
        }
    }
}
