package io.jcompose.model;

import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Typed reads from a canonical attribute map (plain, immutable JSON-like values), the one source of truth behind
 * the model's records: {@code config} prints it, the config hash digests it, accessors view it.
 */
public record Attributes(Map<String, Object> values) {

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    /** Takes a deep, unmodifiable copy of {@code values}, unless they are already one (a nested view's). */
    public Attributes {
        values = freezeMap(values);
    }

    public static Attributes of(Map<String, ?> values) {
        return new Attributes(castMap(values));
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
        Object v = values.get(key);
        if (v instanceof Long l) {
            return Optional.of(l);
        }
        if (v instanceof Double d) {
            return Optional.of(d.longValue());
        }
        if (v instanceof String s && INTEGER.matcher(s).matches()) {
            return Optional.of(Long.parseLong(s));
        }
        return Optional.empty();
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

    /**
     * The plain value of a YAML node ({@link YamlNode#toPlain}), made read-only as it is
     * built: attributes made from it take it as it is. The loader's document is converted once this way instead of
     * being converted, then copied.
     */
    public static Object frozen(YamlNode node) {
        if (node instanceof YamlMap map) {
            Map<String, Object> out = LinkedHashMap.newLinkedHashMap(map.size());
            map.entries().forEach((k, v) -> out.put(k, frozen(v)));
            return new FrozenMap(out);
        }
        if (node instanceof YamlList list) {
            Object[] out = new Object[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = frozen(list.items().get(i));
            }
            return new FrozenList(out);
        }
        return node.toPlain();
    }

    /**
     * A deep, unmodifiable copy (null values allowed, order kept). What this method made is returned as it is: every
     * nested view ({@link #object}, {@link #objects}, a service of the project) would otherwise copy its whole
     * subtree again, and the config of a big project was copied three times over.
     */
    static Map<String, Object> freezeMap(Map<String, ?> map) {
        if (map instanceof FrozenMap frozen) {
            return frozen;
        }
        Map<String, Object> out = LinkedHashMap.newLinkedHashMap(map.size());
        map.forEach((k, v) -> out.put(k, freeze(v)));
        return new FrozenMap(out);
    }

    static Object freeze(Object value) {
        // instanceof, not a switch on types, which would bootstrap a class at run time (see YamlEmitter.value)
        if (value instanceof FrozenList || value instanceof FrozenMap) {
            return value;
        }
        if (value instanceof Map<?, ?> m) {
            return freezeMap(castMap(m));
        }
        if (value instanceof List<?> l) {
            Object[] out = new Object[l.size()];
            int i = 0;
            for (Object item : l) {
                out[i++] = freeze(item);
            }
            return new FrozenList(out);
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        return value;
    }

    /** A map made by {@link #freezeMap}: read-only, and deeply so, which no other map type here promises. */
    private static final class FrozenMap extends AbstractMap<String, Object> {

        private final Map<String, Object> view;

        FrozenMap(Map<String, Object> owned) {
            this.view = Collections.unmodifiableMap(owned);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return view.entrySet();
        }

        @Override
        public Set<String> keySet() {
            return view.keySet();
        }

        @Override
        public Collection<Object> values() {
            return view.values();
        }

        @Override
        public Object get(Object key) {
            return view.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public int size() {
            return view.size();
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Object> action) {
            view.forEach(action);
        }
    }

    /** A list made by {@link #freeze}: read-only and deeply frozen (null items allowed, unlike {@link List#of}). */
    private static final class FrozenList extends AbstractList<Object> implements RandomAccess {

        private final Object[] items;

        FrozenList(Object[] owned) {
            this.items = owned;
        }

        @Override
        public Object get(int index) {
            return items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }
}
