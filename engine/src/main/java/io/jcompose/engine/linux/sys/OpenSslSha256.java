package io.jcompose.engine.linux.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * SHA-256 computed by the host's OpenSSL (libcrypto) through the FFM API. The JDK's own SHA-256 only reaches the
 * CPU's SHA instructions in code the C2 compiler made, and the jcompose CLI runs with the first JIT tier only (it
 * starts faster): there the JDK hashes some 80 MB/s, where OpenSSL hashes over 1 GB/s. A pull hashes every layer
 * twice (the compressed blob, the unpacked tar), so this was a third of a pull's time. {@link #create} is empty
 * where no libcrypto can be loaded; callers then use the JDK's.
 */
public final class OpenSslSha256 extends MessageDigest implements Cloneable {

    private static final int LENGTH = 32;
    /** Slices of heap arrays passed per call: the call holds the garbage collector off meanwhile. */
    private static final int SLICE = 1 << 20;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Optional<Functions> FUNCTIONS = load();

    /** The libcrypto functions, bound once, and SHA-256's EVP_MD. */
    private record Functions(MethodHandle newContext, MethodHandle freeContext, MethodHandle init,
                             MethodHandle update, MethodHandle finish, MethodHandle copy, MemorySegment sha256) {
    }

    private final Functions functions;
    private final MemorySegment context;
    private final Cleaner.Cleanable freeing;

    private OpenSslSha256(Functions functions) {
        super("SHA-256");
        this.functions = functions;
        try {
            this.context = (MemorySegment) functions.newContext().invokeExact();
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
        if (context.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("EVP_MD_CTX_new failed");
        }
        MethodHandle free = functions.freeContext();
        MemorySegment owned = context;
        this.freeing = CLEANER.register(this, () -> {
            try {
                free.invokeExact(owned);
            } catch (Throwable ignored) {
                // nothing to do about a failed free in a cleaner
            }
        });
        engineReset();
    }

    /** A new SHA-256 digest backed by libcrypto, or empty when this host or JVM has none to offer. */
    public static Optional<MessageDigest> create() {
        return FUNCTIONS.map(OpenSslSha256::new);
    }

    @Override
    protected int engineGetDigestLength() {
        return LENGTH;
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        MemorySegment all = MemorySegment.ofArray(input);
        for (int done = 0; done < len; ) {
            int n = Math.min(SLICE, len - done);
            try {
                check((int) functions.update().invokeExact(context, all.asSlice(offset + done, n), (long) n),
                        "EVP_DigestUpdate");
            } catch (Throwable t) {
                throw LibC.unexpected(t);
            }
            done += n;
        }
    }

    @Override
    protected byte[] engineDigest() {
        byte[] out = new byte[LENGTH];
        try {
            check((int) functions.finish().invokeExact(context, MemorySegment.ofArray(out), MemorySegment.NULL),
                    "EVP_DigestFinal_ex");
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
        engineReset();
        return out;
    }

    @Override
    protected void engineReset() {
        try {
            check((int) functions.init().invokeExact(context, functions.sha256(), MemorySegment.NULL),
                    "EVP_DigestInit_ex");
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
    }

    @Override
    public Object clone() {
        OpenSslSha256 copy = new OpenSslSha256(functions);
        try {
            check((int) functions.copy().invokeExact(copy.context, context), "EVP_MD_CTX_copy_ex");
        } catch (Throwable t) {
            throw LibC.unexpected(t);
        }
        return copy;
    }

    private static void check(int rc, String call) {
        if (rc != 1) {
            throw new IllegalStateException(call + " failed");
        }
    }

    private static Optional<Functions> load() {
        Linker linker = Linker.nativeLinker();
        for (String library : List.of("libcrypto.so.3", "libcrypto.so")) {
            try {
                SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
                ValueLayout p = ValueLayout.ADDRESS;
                ValueLayout.OfInt i = ValueLayout.JAVA_INT;
                // the calls that take the caller's byte arrays are "critical": short, so they may read the Java
                // heap in place instead of a copy
                Linker.Option heap = Linker.Option.critical(true);
                MethodHandle md = linker.downcallHandle(lookup.findOrThrow("EVP_sha256"), FunctionDescriptor.of(p));
                Functions functions = new Functions(
                        linker.downcallHandle(lookup.findOrThrow("EVP_MD_CTX_new"), FunctionDescriptor.of(p)),
                        linker.downcallHandle(lookup.findOrThrow("EVP_MD_CTX_free"), FunctionDescriptor.ofVoid(p)),
                        linker.downcallHandle(lookup.findOrThrow("EVP_DigestInit_ex"), FunctionDescriptor.of(i, p, p,
                                p)),
                        linker.downcallHandle(lookup.findOrThrow("EVP_DigestUpdate"), FunctionDescriptor.of(i, p, p,
                                ValueLayout.JAVA_LONG), heap),
                        linker.downcallHandle(lookup.findOrThrow("EVP_DigestFinal_ex"), FunctionDescriptor.of(i, p,
                                p, p), heap),
                        linker.downcallHandle(lookup.findOrThrow("EVP_MD_CTX_copy_ex"), FunctionDescriptor.of(i, p,
                                p)),
                        (MemorySegment) md.invokeExact());
                new OpenSslSha256(functions).digest(new byte[1]);
                return Optional.of(functions);
            } catch (Throwable unavailable) {
                // no such library, an old one without these functions, or native access denied: try the next
            }
        }
        return Optional.empty();
    }
}
