package io.jcompose.engine.linux.registry;

import io.jcompose.engine.linux.image.BlobWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A blob's body handed to a reader (the layer unpacker) while it is also written to the store: at the body's end
 * the stored copy is committed, which checks its digest. So a reader that got to the end read the blob the
 * manifest names, and a reader of a corrupt blob gets the mismatch as a read error before it could finish (the
 * unpacker's scratch directory then goes, and nothing half-unpacked stays).
 */
final class StoredWhileRead extends FilterInputStream {

    private final BlobWriter copy;
    private final String digest;
    private boolean ended;

    StoredWhileRead(InputStream body, BlobWriter copy, String digest) {
        super(body);
        this.copy = copy;
        this.digest = digest;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            copy.write(b, off, n);
        } else if (n < 0 && !ended) {
            ended = true;
            copy.commit(Optional.of(digest));
        }
        return n;
    }

    /** Skipped bytes are read all the same: they belong to the stored copy and its digest. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 1 << 16)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /** Leaves the body open: the response it belongs to closes it, after the rest was read if need be. */
    @Override
    public void close() {
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Whether the body was read to its end and the stored copy committed. */
    boolean ended() {
        return ended;
    }
}
