package io.jcompose.engine.linux.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * A blob body that reports how much has been read and refuses to go past the size its descriptor announced, so a
 * broken or hostile registry cannot fill the disk with an endless body before the digest check would catch it.
 */
final class MeteredStream extends FilterInputStream {

    private final long limit;
    private final String what;
    private final LongConsumer progress;
    private long count;

    /** {@code limit} below zero: unknown, not enforced. */
    MeteredStream(InputStream in, long limit, String what, LongConsumer progress) {
        super(in);
        this.limit = limit;
        this.what = what;
        this.progress = progress;
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
            count += n;
            if (limit >= 0 && count > limit) {
                throw new IOException(what + " is larger than the " + limit + " bytes its manifest announces");
            }
            progress.accept(count);
        }
        return n;
    }
}
