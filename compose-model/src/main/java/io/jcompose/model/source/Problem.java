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
        return out.append(message).toString();
    }
}
