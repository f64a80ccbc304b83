package io.jcompose.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Doubles every {@code $} in the strings of a plain document, so that printed config survives interpolation.
 * Parts without a {@code $} are returned as they are: most documents have none, and copying a big one is not free.
 */
final class Dollars {

    private Dollars() {
    }

    @SuppressWarnings("unchecked")
    static <T> T escape(T value) {
        if (value instanceof String s) {
            return s.indexOf('$') < 0 ? value : (T) s.replace("$", "$$");
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = null;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object escaped = escape(e.getValue());
                if (escaped != e.getValue() && out == null) {
                    out = new LinkedHashMap<>(m);
                }
                if (out != null) {
                    out.put(e.getKey(), escaped);
                }
            }
            return out == null ? value : (T) out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = null;
            for (int i = 0; i < l.size(); i++) {
                Object escaped = escape(l.get(i));
                if (escaped != l.get(i) && out == null) {
                    out = new ArrayList<>(l);
                }
                if (out != null) {
                    out.set(i, escaped);
                }
            }
            return out == null ? value : (T) out;
        }
        return value;
    }
}
