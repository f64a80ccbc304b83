package io.jcompose.model.source;

/** One thing wrong with the input: where, at which key, and what (expected versus found). */
public record Problem(SourceLocation location, KeyPath path, String message) {

    public static Problem at(SourceLocation location, KeyPath path, String message) {
        return new Problem(location, path, message);
    }

    /** The one line a user sees: {@code compose.yaml:7:9: services.web.ports[0]: invalid port "80:abc"}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        String where = location.toString();
        if (!where.isEmpty()) {
            out.append(where).append(": ");
        }
        String key = path.toString();
        if (!key.isEmpty()) {
            out.append(key).append(": ");
        }
        return oneLine(out.append(message).toString());
    }

    /** Control characters from the user's text (a newline in a key, say) are shown escaped, never acted on. */
    private static String oneLine(String text) {
        if (text.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.chars().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.toString();
    }
}
