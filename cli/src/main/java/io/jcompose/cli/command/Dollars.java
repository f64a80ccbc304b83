package io.jcompose.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Doubles every {@code $} in the strings of a plain document, so that printed config survives interpolation. */
final class Dollars {

    private Dollars() {
    }

    @SuppressWarnings("unchecked")
    static <T> T escape(T value) {
        return (T) switch (value) {
            case String s -> s.replace("$", "$$");
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(k, escape(v)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(v -> out.add(escape(v)));
                yield out;
            }
            case null, default -> value;
        };
    }
}
