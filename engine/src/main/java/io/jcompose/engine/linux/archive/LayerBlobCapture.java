package io.jcompose.engine.linux.archive;

import io.jcompose.engine.linux.image.BlobWriter;
import io.jcompose.engine.linux.image.DigestMismatchException;
import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.layer.Compression;
import io.jcompose.engine.linux.registry.MediaTypes;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A layer read for unpacking that leaves its compressed blob in the store on the way, so that an imported or loaded
 * image can be pushed like a pulled one. A gzip source is kept byte for byte; anything else (a plain tar, zstd) is
 * gzipped from the uncompressed tar. One pass over the source, nothing of it held in memory.
 */
public final class LayerBlobCapture implements Closeable {

    /**
     * The blob as stored and the digest of the source as it was read (what an OCI layout names the layer by).
     */
    public record Blob(String digest, String mediaType, String sourceDigest) {
    }

    private final InputStream source;
    private final MessageDigest sourceMd = Digests.sha256();
    private final DigestInputStream digestingSource;
    private final BlobWriter blob;
    private final Optional<GZIPOutputStream> gzip;
    private final InputStream tar;
    private Blob finished;

    private LayerBlobCapture(InputStream source, ImageStore store) throws IOException {
        this.source = source;
        BufferedInputStream buffered = new BufferedInputStream(source, 1 << 16);
        boolean gzipped = Compression.peek(buffered) == Compression.GZIP;
        this.digestingSource = new DigestInputStream(buffered, sourceMd);
        this.blob = store.newBlob();
        try {
            if (gzipped) {
                gzip = Optional.empty();
                tar = Compression.decompressing(new CopyingInputStream(digestingSource, blob));
            } else {
                gzip = Optional.of(fastGzip(blob));
                tar = new CopyingInputStream(Compression.decompressing(digestingSource), gzip.get());
            }
        } catch (IOException | RuntimeException e) {
            blob.close();
            throw e;
        }
    }

    /**
     * gzip at its fastest level: an import or load is waited for, while the blob matters only to a push, where 10%
     * more bytes cost less than the default level's 2.5 times the CPU (2 s against 5.5 s for 130 MB of tar).
     */
    private static GZIPOutputStream fastGzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    /** Captures the blob of the layer {@code source} holds (closed with this), compressed or not. */
    public static LayerBlobCapture of(InputStream source, ImageStore store) throws IOException {
        try {
            return new LayerBlobCapture(source, store);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** The uncompressed tar, to be read to its end before {@link #finish}. */
    public InputStream tar() {
        return tar;
    }

    /**
     * Reads what is left of the source and stores the blob; when {@code expectedSource} is given and the source
     * did not have that digest, nothing is stored.
     */
    public Blob finish(Optional<String> expectedSource) throws IOException {
        tar.transferTo(OutputStream.nullOutputStream());
        // bytes after the compressed stream's end belong to the source (and a kept gzip blob) too
        digestingSource.transferTo(OutputStream.nullOutputStream());
        String sourceDigest = Digests.format(sourceMd.digest());
        if (expectedSource.isPresent() && !expectedSource.get().equals(sourceDigest)) {
            throw new DigestMismatchException(expectedSource.get(), sourceDigest);
        }
        if (gzip.isPresent()) {
            gzip.get().finish();
        }
        finished = new Blob(blob.commit(Optional.empty()), MediaTypes.DOCKER_LAYER_GZIP, sourceDigest);
        return finished;
    }

    /** What {@link #finish} stored. */
    public Blob blob() {
        if (finished == null) {
            throw new IllegalStateException("the layer's blob is not finished");
        }
        return finished;
    }

    @Override
    public void close() throws IOException {
        try (source; blob) {
            if (finished == null) {
                // the compressor would write its trailer into a blob about to be discarded: discard first
                blob.close();
            }
            if (gzip.isPresent()) {
                try {
                    gzip.get().close();
                } catch (IOException ignored) {
                    // only releases the compressor here: the blob is committed or discarded already
                }
            }
        }
    }

    /**
     * Passes what it reads on to a copy. An {@link InputStream}, not a filter: its {@code skip} reads (and so copies)
     * what it skips, so that the copy is whole whatever the reader skips, and it supports no mark.
     */
    private static final class CopyingInputStream extends InputStream {

        private final InputStream in;
        private final OutputStream copy;

        CopyingInputStream(InputStream in, OutputStream copy) {
            this.in = in;
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                copy.write(b, off, n);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
