package io.jcompose.model.interpolate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the variables a text refers to, with their default and alternate values, without resolving anything:
 * what {@code jcompose config --variables} lists.
 */
public final class Variables {

    /** One variable: required when written {@code ${X?err}}/{@code ${X:?err}}. */
    public record Variable(String name, boolean required, String defaultValue, String alternateValue) {
    }

    private Variables() {
    }

    /** Adds the variables of {@code text} to {@code into}, keyed by name; the first mention of a name wins. */
    public static void scan(String text, Map<String, Variable> into) {
        int i = 0;
        while (i < text.length()) {
            int dollar = text.indexOf('$', i);
            if (dollar < 0 || dollar + 1 >= text.length()) {
                return;
            }
            char next = text.charAt(dollar + 1);
            if (next == '$') {
                i = dollar + 2;
            } else if (next == '{') {
                i = braced(text, dollar + 2, into);
            } else {
                int end = nameEnd(text, dollar + 1);
                if (end > dollar + 1) {
                    into.putIfAbsent(text.substring(dollar + 1, end),
                            new Variable(text.substring(dollar + 1, end), false, "", ""));
                }
                i = Math.max(end, dollar + 1);
            }
        }
    }

    public static List<Variable> scan(String text) {
        Map<String, Variable> out = new LinkedHashMap<>();
        scan(text, out);
        return List.copyOf(out.values());
    }

    private static int braced(String text, int start, Map<String, Variable> into) {
        int nameEnd = nameEnd(text, start);
        int close = matchingBrace(text, nameEnd);
        if (nameEnd == start || close < 0) {
            return start;
        }
        String name = text.substring(start, nameEnd);
        String rest = text.substring(nameEnd, close);
        String op = rest.startsWith(":") && rest.length() > 1 ? rest.substring(0, 2)
                : rest.isEmpty() ? "" : rest.substring(0, 1);
        String value = rest.substring(Math.min(op.length(), rest.length()));
        Variable v = switch (op) {
            case ":-", "-" -> new Variable(name, false, value, "");
            case ":+", "+" -> new Variable(name, false, "", value);
            case ":?", "?" -> new Variable(name, true, "", "");
            default -> new Variable(name, false, "", "");
        };
        into.putIfAbsent(name, v);
        scan(value, into);
        return close + 1;
    }

    private static int nameEnd(String text, int start) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > start && c >= '0' && c <= '9');
            if (!ok) {
                break;
            }
            i++;
        }
        return i;
    }

    private static int matchingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
