package io.jcompose.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads from a canonical attribute map (plain, immutable JSON-like values), the one source of truth behind
 * the model's records: {@code config} prints it, the config hash digests it, accessors view it.
 */
public record Attributes(Map<String, Object> values) {

    public Attributes {
        values = freezeMap(values);
    }

    public static Attributes of(Map<String, ?> values) {
        return new Attributes(new LinkedHashMap<>(values));
    }

    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Optional<String> string(String key) {
        return get(key).map(Object::toString);
    }

    public Optional<Long> number(String key) {
        return get(key).flatMap(v -> switch (v) {
            case Long l -> Optional.of(l);
            case Double d -> Optional.of(d.longValue());
            case String s when s.matches("-?\\d+") -> Optional.of(Long.parseLong(s));
            default -> Optional.empty();
        });
    }

    public boolean bool(String key) {
        return get(key).map(v -> v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString())).orElse(false);
    }

    public Optional<Attributes> object(String key) {
        return get(key).filter(Map.class::isInstance).map(v -> new Attributes(castMap(v)));
    }

    public List<Object> list(String key) {
        return get(key).filter(List.class::isInstance).map(v -> castList(v)).orElse(List.of());
    }

    public List<String> strings(String key) {
        return list(key).stream().map(String::valueOf).toList();
    }

    /** A mapping of strings; null values are kept out (they mean "unset"). */
    public Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        get(key).filter(Map.class::isInstance).ifPresent(v -> castMap(v).forEach((k, val) -> {
            if (val != null) {
                out.put(k, val.toString());
            }
        }));
        return Collections.unmodifiableMap(out);
    }

    /** The mapping at {@code key} as entries of nested attributes (null values become empty attributes). */
    public Map<String, Attributes> objects(String key) {
        Map<String, Attributes> out = new LinkedHashMap<>();
        get(key).filter(Map.class::isInstance).ifPresent(v -> castMap(v).forEach((k, val) ->
                out.put(k, val instanceof Map<?, ?> m ? new Attributes(castMap(m)) : new Attributes(Map.of()))));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> castList(Object value) {
        return (List<Object>) value;
    }

    /** A deep, unmodifiable copy (null values allowed, order kept). */
    static Map<String, Object> freezeMap(Map<String, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, freeze(v)));
        return Collections.unmodifiableMap(out);
    }

    static Object freeze(Object value) {
        return switch (value) {
            case Map<?, ?> m -> freezeMap(castMap(m));
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(item -> out.add(freeze(item)));
                yield Collections.unmodifiableList(out);
            }
            case Integer i -> i.longValue();
            case null, default -> value;
        };
    }
}
