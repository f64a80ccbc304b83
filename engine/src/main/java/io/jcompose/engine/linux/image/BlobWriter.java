package io.jcompose.engine.linux.image;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A blob being written into the store by whoever produces it (a compressor, a download): its bytes go to the
 * store's scratch area and become a blob under their digest only on {@link #commit}; closed uncommitted, they are
 * deleted. A full disk surfaces as {@link StoreFullException}.
 */
public final class BlobWriter extends OutputStream {

    private final ImageStore store;
    private final Path tmp;
    private final OutputStream out;
    private final MessageDigest md = Digests.sha256();
    private boolean closed;

    BlobWriter(ImageStore store, Path tmp) throws IOException {
        this.store = store;
        this.tmp = tmp;
        this.out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("blob writer already closed");
        }
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw StoreFullException.classify(e, store.layout().root());
        }
        md.update(b, off, len);
    }

    /**
     * Makes what was written a blob and returns its digest; when {@code expected} is given and differs, nothing is
     * kept and the error names both digests.
     */
    public String commit(Optional<String> expected) throws IOException {
        if (closed) {
            throw new IOException("blob writer already closed");
        }
        try {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                throw StoreFullException.classify(e, store.layout().root());
            }
            String actual = Digests.format(md.digest());
            if (expected.isPresent() && !expected.get().equals(actual)) {
                throw new DigestMismatchException(expected.get(), actual);
            }
            store.placeBlob(tmp, actual);
            return actual;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Discards what was written unless committed. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // a full disk fails the flush; the file goes anyway
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
