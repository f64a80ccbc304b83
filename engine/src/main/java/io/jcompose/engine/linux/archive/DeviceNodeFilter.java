package io.jcompose.engine.linux.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A root filesystem tarball re-written without its device nodes, entry by entry as it is read. An exported
 * container has {@code /dev/console} and the like, which the runtime never needs (every container gets a
 * {@code /dev} of its own) and which registries' layers must not carry (pulls refuse them): the imported layer, its
 * diff id and its blob are this tar, so that what is pushed is what was unpacked. Everything else of an entry (owner,
 * mode, times, links, extended attributes) is copied as it was.
 */
final class DeviceNodeFilter extends InputStream {

    private static final int CHUNK = 1 << 16;

    private final TarArchiveInputStream in;
    private final Output pending = new Output();
    private final TarArchiveOutputStream out;
    private final byte[] chunk = new byte[CHUNK];
    private boolean inEntry;
    private boolean finished;

    /** {@code tar} is an uncompressed tar stream, closed with this. */
    DeviceNodeFilter(InputStream tar) {
        this.in = new TarArchiveInputStream(tar, StandardCharsets.UTF_8.name());
        this.out = new TarArchiveOutputStream(pending, StandardCharsets.UTF_8.name());
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        out.setAddPaxHeadersForNonAsciiNames(true);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pending.available() == 0) {
            if (finished) {
                return -1;
            }
            pending.clear();
            step();
        }
        return pending.take(b, off, len);
    }

    /** Writes the next piece of the filtered tar into {@link #pending}: a header, some content, or the end. */
    private void step() throws IOException {
        if (inEntry) {
            int n = in.read(chunk);
            if (n > 0) {
                out.write(chunk, 0, n);
            } else {
                out.closeArchiveEntry();
                inEntry = false;
            }
            return;
        }
        TarArchiveEntry entry = in.getNextEntry();
        while (entry != null && (entry.isCharacterDevice() || entry.isBlockDevice())) {
            entry = in.getNextEntry();
        }
        if (entry == null) {
            out.finish();
            finished = true;
            return;
        }
        out.putArchiveEntry(entry);
        if (entry.isFile() && !entry.isLink() && entry.getSize() > 0) {
            inEntry = true;
        } else {
            out.closeArchiveEntry();
        }
    }

    /** Closes the source; the filtered output is memory only, and may end half-way when the reader gave up. */
    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The filtered bytes not read yet. */
    private static final class Output extends ByteArrayOutputStream {

        private int position;

        int available() {
            return count - position;
        }

        int take(byte[] b, int off, int len) {
            int n = Math.min(len, available());
            System.arraycopy(buf, position, b, off, n);
            position += n;
            return n;
        }

        void clear() {
            reset();
            position = 0;
        }
    }
}
