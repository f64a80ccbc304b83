package io.jcompose.model.source;

import java.util.ArrayList;
import java.util.List;

/**
 * A path into a compose document, such as {@code services.web.ports[0]}; patterns use {@code *} for any key or index.
 */
public record KeyPath(List<String> segments) {

    public static final KeyPath ROOT = new KeyPath(List.of());

    public KeyPath {
        segments = List.copyOf(segments);
    }

    public static KeyPath of(String... segments) {
        return new KeyPath(List.of(segments));
    }

    /** Parses a dotted pattern such as {@code services.*.ports}. */
    public static KeyPath parse(String dotted) {
        return dotted.isEmpty() ? ROOT : new KeyPath(List.of(dotted.split("\\.")));
    }

    public KeyPath child(String key) {
        List<String> next = new ArrayList<>(segments.size() + 1);
        next.addAll(segments);
        next.add(key);
        return new KeyPath(next);
    }

    public KeyPath index(int index) {
        return child("[" + index + "]");
    }

    public KeyPath parent() {
        return segments.isEmpty() ? this : new KeyPath(segments.subList(0, segments.size() - 1));
    }

    public int size() {
        return segments.size();
    }

    public String last() {
        return segments.isEmpty() ? "" : segments.getLast();
    }

    /** True when this concrete path matches a pattern whose {@code *} segments match any key or index. */
    public boolean matches(KeyPath pattern) {
        if (pattern.segments.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String p = pattern.segments.get(i);
            if (!p.equals("*") && !p.equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Dots between keys, brackets for indexes: {@code services.web.ports[0]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (String s : segments) {
            if (!s.startsWith("[") && !out.isEmpty()) {
                out.append('.');
            }
            out.append(s);
        }
        return out.toString();
    }
}
