package io.jcompose.model.yaml;

import java.util.Locale;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Turns a scalar's text and resolved YAML 1.2 core-schema tag into a Java value. */
final class ScalarValues {

    private ScalarValues() {
    }

    static Object resolve(Tag tag, String text) {
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return text.toLowerCase(Locale.ROOT).equals("true");
        }
        if (tag.equals(Tag.INT)) {
            Long value = parseInt(text);
            return value != null ? value : text;
        }
        if (tag.equals(Tag.FLOAT)) {
            return parseFloat(text);
        }
        return text;
    }

    private static Long parseInt(String text) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        try {
            long v;
            if (t.startsWith("0x")) {
                v = Long.parseLong(t.substring(2), 16);
            } else if (t.startsWith("0o")) {
                v = Long.parseLong(t.substring(2), 8);
            } else if (t.length() > 1 && t.startsWith("0") && t.chars().allMatch(c -> c >= '0' && c <= '7')) {
                // docker compose's YAML reader (like YAML 1.1) reads 0440 as octal: file modes depend on it
                v = Long.parseLong(t.substring(1), 8);
            } else {
                v = Long.parseLong(t);
            }
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object parseFloat(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return switch (t) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield text;
                }
            }
        };
    }
}
