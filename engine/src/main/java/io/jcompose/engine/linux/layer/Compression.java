package io.jcompose.engine.linux.layer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** How a layer or archive stream is compressed, told by its first bytes as registries do not always say. */
public enum Compression {
    NONE, GZIP, ZSTD;

    /** The compression the stream starting with {@code head} uses; anything not gzip or zstd is taken as plain. */
    public static Compression detect(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** The compression of what {@code in} holds, told from its first bytes, which stay unread. */
    public static Compression peek(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        return detect(head);
    }

    /**
     * The uncompressed content of {@code in}, whatever its compression. Closing the result closes {@code in}.
     * Concatenated gzip members (as pigz and some registries write) are read as one stream.
     */
    public static InputStream decompressing(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        return switch (peek(buffered)) {
            case GZIP -> new GzipCompressorInputStream(buffered, true);
            case ZSTD -> new ZstdCompressorInputStream(buffered);
            case NONE -> buffered;
        };
    }
}
