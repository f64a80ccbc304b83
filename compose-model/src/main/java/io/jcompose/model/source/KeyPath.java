package io.jcompose.model.source;

import java.util.List;

/**
 * A path into a compose document, such as {@code services.web.ports[0]}; patterns use {@code *} for any key or index.
 *
 * <p>Every stage makes a child path for every node it visits, although only error messages ever read one: so a
 * path is its parent plus one segment (a child costs one small object), and the segment list is built only when
 * asked for.
 */
public final class KeyPath {

    public static final KeyPath ROOT = new KeyPath(null, null, -1);

    private final KeyPath parent;
    /** The key, or for an index the text {@code [i]}, made when first needed. */
    private String segment;
    private final int index;
    private final int size;

    private KeyPath(KeyPath parent, String segment, int index) {
        this.parent = parent;
        this.segment = segment;
        this.index = index;
        this.size = parent == null ? 0 : parent.size + 1;
    }

    private String segment() {
        String s = segment;
        if (s == null && parent != null) {
            s = "[" + index + "]";
            segment = s;
        }
        return s;
    }

    public static KeyPath of(String... segments) {
        KeyPath path = ROOT;
        for (String s : segments) {
            path = path.child(s);
        }
        return path;
    }

    /** Parses a dotted pattern such as {@code services.*.ports}. */
    public static KeyPath parse(String dotted) {
        return dotted.isEmpty() ? ROOT : of(dotted.split("\\."));
    }

    public KeyPath child(String key) {
        return new KeyPath(this, java.util.Objects.requireNonNull(key, "key"), -1);
    }

    public KeyPath index(int index) {
        return new KeyPath(this, null, index);
    }

    public KeyPath parent() {
        return parent == null ? this : parent;
    }

    public int size() {
        return size;
    }

    public String last() {
        return parent == null ? "" : segment();
    }

    /** The segments from the root down, e.g. {@code [services, web, ports, [0]]}. */
    public List<String> segments() {
        String[] out = new String[size];
        KeyPath at = this;
        for (int i = size - 1; i >= 0; i--) {
            out[i] = at.segment();
            at = at.parent;
        }
        return List.of(out);
    }

    /** True when this concrete path matches a pattern whose {@code *} segments match any key or index. */
    public boolean matches(KeyPath pattern) {
        if (pattern.size != size) {
            return false;
        }
        // both chains have the same length: compare them from the leaf up, without building lists
        KeyPath at = this;
        for (KeyPath p = pattern; p.parent != null; p = p.parent, at = at.parent) {
            String wanted = p.segment();
            if (!wanted.equals("*") && !wanted.equals(at.segment())) {
                return false;
            }
        }
        return true;
    }

    /** Dots between keys, brackets for indexes: {@code services.web.ports[0]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (String s : segments()) {
            if (!s.startsWith("[") && !out.isEmpty()) {
                out.append('.');
            }
            out.append(s);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof KeyPath that) || that.size != size) {
            return false;
        }
        KeyPath a = this;
        KeyPath b = that;
        while (a.parent != null) {
            if (a == b) {
                return true;
            }
            if (!a.segment().equals(b.segment())) {
                return false;
            }
            a = a.parent;
            b = b.parent;
        }
        return true;
    }

    @Override
    public int hashCode() {
        return segments().hashCode();
    }
}
