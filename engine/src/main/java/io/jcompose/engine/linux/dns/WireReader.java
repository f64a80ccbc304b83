package io.jcompose.engine.linux.dns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the fields of one DNS message in order, refusing to read past its end. */
final class WireReader {

    // every pointer must go back before the labels that led to it, so at most one hop per earlier byte; this bound
    // only saves time on hostile packets
    private static final int MAX_POINTERS = 64;

    private final byte[] data;
    private final int limit;
    private int position;

    WireReader(byte[] data, int offset, int limit) {
        this.data = data;
        this.position = offset;
        this.limit = limit;
    }

    int position() {
        return position;
    }

    int u8() throws DnsFormatException {
        need(1);
        return data[position++] & 0xff;
    }

    int u16() throws DnsFormatException {
        need(2);
        int value = ((data[position] & 0xff) << 8) | (data[position + 1] & 0xff);
        position += 2;
        return value;
    }

    long u32() throws DnsFormatException {
        need(4);
        long value = ((long) (data[position] & 0xff) << 24) | ((data[position + 1] & 0xff) << 16)
                | ((data[position + 2] & 0xff) << 8) | (data[position + 3] & 0xff);
        position += 4;
        return value;
    }

    byte[] bytes(int length) throws DnsFormatException {
        need(length);
        byte[] value = new byte[length];
        System.arraycopy(data, position, value, 0, length);
        position += length;
        return value;
    }

    /** A name, following compression pointers (RFC 1035 §4.1.4) only backwards, so that no loop can form. */
    DnsName name() throws DnsFormatException {
        List<String> labels = new ArrayList<>();
        int at = position;
        int runStart = position;
        int resume = -1;
        int length = 1;
        int pointers = 0;
        while (true) {
            int head = byteAt(at);
            if (head == 0) {
                at++;
                break;
            }
            switch (head & 0xc0) {
                case 0xc0 -> {
                    int target = ((head & 0x3f) << 8) | byteAt(at + 1);
                    if (target >= runStart || ++pointers > MAX_POINTERS) {
                        throw new DnsFormatException("compression pointer to " + target + " at " + at
                                + " does not point back");
                    }
                    if (resume < 0) {
                        resume = at + 2;
                    }
                    at = target;
                    runStart = target;
                }
                case 0x00 -> {
                    if (at + 1 + head > limit) {
                        throw new DnsFormatException("label at " + at + " runs past the end of the message");
                    }
                    length += 1 + head;
                    if (length > DnsName.MAX_LENGTH) {
                        throw new DnsFormatException("name longer than " + DnsName.MAX_LENGTH + " bytes");
                    }
                    labels.add(new String(data, at + 1, head, StandardCharsets.ISO_8859_1));
                    at += 1 + head;
                }
                default -> throw new DnsFormatException("label type 0x" + Integer.toHexString(head & 0xc0)
                        + " at " + at);
            }
        }
        position = resume < 0 ? at : resume;
        return new DnsName(labels);
    }

    private int byteAt(int at) throws DnsFormatException {
        if (at >= limit) {
            throw new DnsFormatException("name runs past the end of the message");
        }
        return data[at] & 0xff;
    }

    private void need(int length) throws DnsFormatException {
        if (length < 0 || position + length > limit) {
            throw new DnsFormatException("message cut short at byte " + position);
        }
    }
}
