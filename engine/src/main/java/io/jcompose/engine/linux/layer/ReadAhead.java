package io.jcompose.engine.linux.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream ahead on a thread of its own, digesting what it reads: the work that produces the bytes (a
 * download with its own digest, the inflater, the diff id's digest) runs while the reader works on earlier bytes
 * (the unpacker creating files), so on two cores the halves of an unpack overlap instead of taking turns. At the
 * end of the source it also reads {@code drainAfter} to its end (what feeds the decompressor may hold bytes after
 * the compressed data, which belong to the blob and its digest). A failure of the reading thread is thrown to the
 * reader, as it was thrown.
 */
final class ReadAhead extends InputStream {

    private static final int CHUNK = 1 << 16;
    private static final byte[] END = new byte[0];

    private final InputStream source;
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
    private final Thread reader;
    private volatile Throwable failure;
    private volatile boolean closed;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    ReadAhead(InputStream source, MessageDigest digest, InputStream drainAfter) {
        this.source = source;
        this.reader = Thread.ofPlatform().daemon().name("layer-read-ahead").start(() -> {
            try {
                while (true) {
                    byte[] chunk = new byte[CHUNK];
                    int n = source.readNBytes(chunk, 0, CHUNK);
                    if (n > 0) {
                        digest.update(chunk, 0, n);
                        chunks.put(n == CHUNK ? chunk : Arrays.copyOf(chunk, n));
                    }
                    if (n < CHUNK) {
                        break;
                    }
                }
                drainAfter.transferTo(OutputStream.nullOutputStream());
            } catch (Throwable t) {
                failure = t;
            }
            try {
                chunks.put(END);
            } catch (InterruptedException closedMeanwhile) {
                // the reader closed the stream and waits for nothing more
            }
        });
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        if (position == current.length && !next()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    /** Takes the next chunk; false at the end. */
    private boolean next() throws IOException {
        if (ended) {
            return false;
        }
        if (closed) {
            throw new IOException("stream closed");
        }
        try {
            byte[] chunk = chunks.take();
            if (chunk == END) {
                ended = true;
                switch (failure) {
                    case null -> { }
                    case IOException e -> throw e;
                    case RuntimeException e -> throw e;
                    case Error e -> throw e;
                    default -> throw new IOException(failure);
                }
                return false;
            }
            current = chunk;
            position = 0;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while unpacking");
        }
    }

    @Override
    public int available() {
        return current.length - position;
    }

    /** Stops the reading thread (closing the source ends a read it is blocked in) and waits until it has. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        reader.interrupt();
        chunks.clear();
        try {
            source.close();
        } finally {
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
