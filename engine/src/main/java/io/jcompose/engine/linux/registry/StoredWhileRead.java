package io.jcompose.engine.linux.registry;

import io.jcompose.engine.linux.image.BlobWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A blob's body handed to a reader (the layer unpacker) while it is also written to the store: at the body's end
 * the stored copy is committed, which checks its digest. So a reader that got to the end read the blob the
 * manifest names, and a reader of a corrupt blob gets the mismatch as a read error before it could finish (the
 * unpacker's scratch directory then goes, and nothing half-unpacked stays). An {@link InputStream}, not a filter: its
 * {@code skip} reads what it skips, which the stored copy and its digest need, and it supports no mark.
 */
final class StoredWhileRead extends InputStream {

    private final InputStream in;
    private final BlobWriter copy;
    private final String digest;
    private boolean ended;

    StoredWhileRead(InputStream body, BlobWriter copy, String digest) {
        this.in = body;
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
        int n = in.read(b, off, len);
        if (n > 0) {
            copy.write(b, off, n);
        } else if (n < 0 && !ended) {
            ended = true;
            copy.commit(Optional.of(digest));
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    /** Leaves the body open: the response it belongs to closes it, after the rest was read if need be. */
    @Override
    public void close() {
    }

    /** Whether the body was read to its end and the stored copy committed. */
    boolean ended() {
        return ended;
    }
}
