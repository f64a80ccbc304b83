package io.jcompose.cli.render;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bytes from a container (exec, attach) onto the console's writer, decoded as UTF-8 across chunk boundaries. */
public final class WriterOutputStream extends OutputStream {

    private final PrintWriter writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    public WriterOutputStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int at = off;
        int end = off + len;
        while (at < end) {
            int n = Math.min(pending.remaining(), end - at);
            pending.put(b, at, n);
            at += n;
            drain();
        }
    }

    private void drain() {
        pending.flip();
        while (true) {
            chars.clear();
            var result = decoder.decode(pending, chars, false);
            chars.flip();
            writer.append(chars);
            if (!result.isOverflow()) {
                break;
            }
        }
        pending.compact();
    }

    @Override
    public synchronized void flush() {
        writer.flush();
    }
}
