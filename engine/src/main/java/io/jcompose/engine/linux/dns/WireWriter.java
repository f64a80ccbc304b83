package io.jcompose.engine.linux.dns;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes the fields of one DNS message, compressing names against those already written (RFC 1035 §4.1.4). */
final class WireWriter {

    private static final int MAX_POINTER = 0x3fff;

    private byte[] data = new byte[512];
    private int position;
    // lower-case suffix -> where it was written; entries past a rollback are dropped with it
    private final Map<String, Integer> suffixes = new HashMap<>();

    int position() {
        return position;
    }

    /** Forgets everything written from {@code mark} on: a record that did not fit. */
    void rollback(int mark) {
        position = mark;
        suffixes.values().removeIf(offset -> offset >= mark);
    }

    void u8(int value) {
        ensure(1);
        data[position++] = (byte) value;
    }

    void u16(int value) {
        ensure(2);
        data[position++] = (byte) (value >>> 8);
        data[position++] = (byte) value;
    }

    void u32(long value) {
        ensure(4);
        data[position++] = (byte) (value >>> 24);
        data[position++] = (byte) (value >>> 16);
        data[position++] = (byte) (value >>> 8);
        data[position++] = (byte) value;
    }

    void bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, data, position, value.length);
        position += value.length;
    }

    void u16At(int at, int value) {
        data[at] = (byte) (value >>> 8);
        data[at + 1] = (byte) value;
    }

    void name(DnsName name, boolean compress) {
        var labels = name.labels();
        for (int i = 0; i < labels.size(); i++) {
            if (compress) {
                String suffix = suffixKey(labels.subList(i, labels.size()));
                Integer earlier = suffixes.get(suffix);
                if (earlier != null) {
                    u16(0xc000 | earlier);
                    return;
                }
                if (position <= MAX_POINTER) {
                    suffixes.put(suffix, position);
                }
            }
            byte[] label = labels.get(i).getBytes(StandardCharsets.ISO_8859_1);
            u8(label.length);
            bytes(label);
        }
        u8(0);
    }

    // each label behind its length, so that a dot inside a label cannot pass for a separator
    private static String suffixKey(List<String> labels) {
        StringBuilder key = new StringBuilder();
        for (String label : labels) {
            key.append((char) label.length()).append(DnsName.lowerAscii(label));
        }
        return key.toString();
    }

    byte[] toByteArray() {
        return Arrays.copyOf(data, position);
    }

    private void ensure(int more) {
        if (position + more > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, position + more));
        }
    }
}
