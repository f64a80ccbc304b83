package io.jcompose.model.emit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes plain values as block-style YAML the way docker compose prints {@code config}: two-space indents, list
 * items indented under their key, strings quoted only where a YAML reader would take them for something else.
 */
public final class YamlEmitter {

    private static final Pattern NUMBER_LIKE = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+"
                    + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|[0-9]+(:[0-9]+)+");
    private static final Set<String> RESERVED = Set.of("", "~", "null", "true", "false", "yes", "no", "on", "off",
            "y", "n");

    private final StringBuilder out = new StringBuilder(1 << 12);

    private YamlEmitter() {
    }

    public static String emit(Map<String, ?> document) {
        YamlEmitter emitter = new YamlEmitter();
        emitter.mapBody(document, KeyOrder.ROOT, 0);
        return emitter.out.toString();
    }

    private void mapBody(Map<String, ?> map, KeyOrder path, int indent) {
        for (String key : path.keys(map)) {
            indent(indent);
            out.append(scalarText(key)).append(':');
            value(map.get(key), path.child(key), indent);
        }
    }

    /**
     * Writes what follows {@code key:} or {@code -}: an inline scalar/empty collection, or a nested block. (The
     * type tests here and in the other walks of this module are instanceof chains, not pattern switches: each
     * switch on types bootstraps a class of its own at run time, which the AOT cache does not keep.)
     */
    private void value(Object value, KeyOrder path, int indent) {
        if (value == null) {
            out.append(" null\n");
        } else if (value instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.append(" {}\n");
            } else {
                out.append('\n');
                mapBody(cast(m), path, indent + 2);
            }
        } else if (value instanceof List<?> l) {
            if (l.isEmpty()) {
                out.append(" []\n");
            } else {
                out.append('\n');
                listBody(l, path, indent + 2);
            }
        } else if (value instanceof String s && s.indexOf('\n') >= 0 && literalSafe(s)) {
            literal(s, indent + 2);
        } else {
            out.append(' ').append(scalar(value)).append('\n');
        }
    }

    private void listBody(List<?> list, KeyOrder path, int indent) {
        KeyOrder itemPath = path.item();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            indent(indent);
            out.append('-');
            if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                // the first key sits on the dash's line, the rest align under it
                Map<String, ?> map = cast(m);
                boolean first = true;
                for (String key : itemPath.keys(map)) {
                    if (first) {
                        out.append(' ');
                        first = false;
                    } else {
                        indent(indent + 2);
                    }
                    out.append(scalarText(key)).append(':');
                    value(map.get(key), itemPath.child(key), indent + 2);
                }
            } else {
                value(item, itemPath, indent);
            }
        }
    }

    private void literal(String s, int indent) {
        out.append(s.endsWith("\n") ? " |\n" : " |-\n");
        String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        for (String line : body.split("\n", -1)) {
            if (!line.isEmpty()) {
                indent(indent);
                out.append(line);
            }
            out.append('\n');
        }
    }

    /** A literal block can hold the text when its indentation can be detected and no character needs escaping. */
    private static boolean literalSafe(String s) {
        String firstLine = s.lines().filter(l -> !l.isEmpty()).findFirst().orElse("");
        return !firstLine.startsWith(" ") && !s.endsWith("\n\n") && !s.startsWith("\n")
                && s.chars().noneMatch(c -> c < 0x20 && c != '\n' || c == 0x7f || c == 0xfeff)
                && !s.contains(" \n") && !s.endsWith(" ");
    }

    private static final String SPACES = " ".repeat(64);

    private void indent(int n) {
        if (n <= SPACES.length()) {
            out.append(SPACES, 0, n);
        } else {
            out.append(" ".repeat(n));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }

    static String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof Double d) {
            return Numbers.format(d);
        }
        return scalarText(value.toString());
    }

    static String scalarText(String s) {
        return needsQuotes(s) ? quote(s) : s;
    }

    private static boolean needsQuotes(String s) {
        int n = s.length();
        // the reserved words are at most 5 letters, and numbers start with a sign, a point or a digit: most keys
        // and values are settled by their first character, without lower-casing or a regular expression
        if (n == 0 || n <= 5 && RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            return true;
        }
        char first = s.charAt(0);
        if ("-+.0123456789".indexOf(first) >= 0 && NUMBER_LIKE.matcher(s).matches()) {
            return true;
        }
        // like go-yaml: "-", "?" and ":" may start a plain scalar when something other than a space follows
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(first) >= 0) {
            boolean safeIndicator = "-?:".indexOf(first) >= 0 && n > 1 && !Character.isWhitespace(s.charAt(1))
                    && !s.startsWith("---");
            if (!safeIndicator) {
                return true;
            }
        }
        char last = s.charAt(n - 1);
        if (Character.isWhitespace(first) || Character.isWhitespace(last) || last == ':') {
            return true;
        }
        // one pass for ": ", " #" and control characters, instead of a scan for each
        char previous = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ' ' && previous == ':' || c == '#' && previous == ' ') {
                return true;
            }
            previous = c;
        }
        return false;
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        q.append(String.format("\\x%02X", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
