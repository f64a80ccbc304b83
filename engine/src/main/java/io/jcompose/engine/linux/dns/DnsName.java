package io.jcompose.engine.linux.dns;

import java.util.ArrayList;
import java.util.List;

/**
 * A domain name as its labels (RFC 1035 §3.1). Labels keep their bytes as ISO-8859-1 characters so that any name read
 * off the wire is written back unchanged, case included (resolvers that randomise case check the echo).
 */
public record DnsName(List<String> labels) {

    public static final int MAX_LENGTH = 255;
    public static final int MAX_LABEL = 63;
    public static final DnsName ROOT = new DnsName(List.of());

    public DnsName {
        labels = List.copyOf(labels);
        int length = 1;
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL) {
                throw new IllegalArgumentException("DNS label of " + label.length() + " bytes");
            }
            for (int i = 0; i < label.length(); i++) {
                if (label.charAt(i) > 0xff) {
                    throw new IllegalArgumentException("DNS label with a character beyond one byte: " + label);
                }
            }
            length += 1 + label.length();
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("DNS name of " + length + " bytes");
        }
    }

    /** The name of a dotted text ({@code "web"}, {@code "example.com."}; {@code ""} or {@code "."} is the root). */
    public static DnsName of(String dotted) {
        String text = dotted.endsWith(".") ? dotted.substring(0, dotted.length() - 1) : dotted;
        return text.isEmpty() ? ROOT : new DnsName(List.of(text.split("\\.", -1)));
    }

    /** The bytes this name takes on the wire without compression. */
    public int wireLength() {
        int length = 1;
        for (String label : labels) {
            length += 1 + label.length();
        }
        return length;
    }

    /**
     * Whether every label is made of printable ASCII without dots or backslashes, so that {@link #toString()} is the
     * name exactly: names of containers are; a name that is not can never be ours.
     */
    public boolean isPlain() {
        for (String label : labels) {
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (c <= ' ' || c >= 0x7f || c == '.' || c == '\\') {
                    return false;
                }
            }
        }
        return true;
    }

    /** This name with ASCII letters in lower case: DNS compares names so (RFC 4343), other bytes are left alone. */
    public DnsName toLowerCase() {
        List<String> lower = new ArrayList<>(labels.size());
        for (String label : labels) {
            lower.add(lowerAscii(label));
        }
        return new DnsName(lower);
    }

    /** Whether this is {@code other} ignoring ASCII case. */
    public boolean sameAs(DnsName other) {
        if (labels.size() != other.labels.size()) {
            return false;
        }
        for (int i = 0; i < labels.size(); i++) {
            if (!lowerAscii(labels.get(i)).equals(lowerAscii(other.labels.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** Whether this name ends with the labels of {@code suffix}, ignoring ASCII case. */
    public boolean endsWith(DnsName suffix) {
        int offset = labels.size() - suffix.labels.size();
        if (offset < 0) {
            return false;
        }
        return new DnsName(labels.subList(offset, labels.size())).sameAs(suffix);
    }

    /** The dotted name without the trailing dot ({@code "."} for the root), dots and backslashes in labels escaped. */
    @Override
    public String toString() {
        if (labels.isEmpty()) {
            return ".";
        }
        StringBuilder text = new StringBuilder();
        for (String label : labels) {
            if (!text.isEmpty()) {
                text.append('.');
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (c == '.' || c == '\\') {
                    text.append('\\').append(c);
                } else if (c <= ' ' || c >= 0x7f) {
                    text.append('\\').append(String.format("%03d", (int) c));
                } else {
                    text.append(c);
                }
            }
        }
        return text.toString();
    }

    static String lowerAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = text.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return text;
    }
}
