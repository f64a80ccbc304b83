package io.jcompose.model.yaml;

import io.jcompose.model.source.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/** A mapping node with string keys in document order; each key keeps its own location. */
public record YamlMap(Map<String, YamlNode> entries, Map<String, SourceLocation> keyLocations,
                      SourceLocation location, String tag) implements YamlNode {

    /** The class of the read-only views this record keeps; a map already wrapped so is not copied again. */
    private static final Class<?> FROZEN = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

    public YamlMap {
        // copying on every with()/mapValues() made big files quadratic: maps built by this class are kept as they are
        entries = frozen(entries);
        keyLocations = frozen(keyLocations);
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        if (map.getClass() == FROZEN) {
            return map;
        }
        // Map.of() is immutable and, empty, has no order to lose: the many empty maps cost nothing
        return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public static YamlMap empty(SourceLocation location) {
        return new YamlMap(Map.of(), Map.of(), location, "");
    }

    public Optional<YamlNode> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Where the key itself was written, falling back to the value's location, then the map's. */
    public SourceLocation keyLocation(String key) {
        SourceLocation at = keyLocations.get(key);
        if (at != null) {
            return at;
        }
        YamlNode value = entries.get(key);
        return value != null ? value.location() : location;
    }

    public int size() {
        return entries.size();
    }

    /** A copy with one key set (added at the end, or replaced in place); this map when it already holds it. */
    public YamlMap with(String key, YamlNode value) {
        if (entries.get(key) == value && value != null) {
            return this;
        }
        Map<String, YamlNode> next = new LinkedHashMap<>(entries);
        next.put(key, value);
        Map<String, SourceLocation> keys = keyLocations;
        if (!keyLocations.containsKey(key)) {
            keys = new LinkedHashMap<>(keyLocations);
            keys.put(key, value.location());
        }
        return new YamlMap(Collections.unmodifiableMap(next), keys, location, tag);
    }

    public YamlMap without(String key) {
        if (!entries.containsKey(key)) {
            return this;
        }
        Map<String, YamlNode> next = new LinkedHashMap<>(entries);
        next.remove(key);
        return new YamlMap(Collections.unmodifiableMap(next), keyLocations, location, tag);
    }

    /**
     * A copy whose values are replaced by {@code fn(key, value)}; a null result drops the key. When {@code fn}
     * returns every value as it was, this map itself: most stages change a few nodes of a big tree, and copying
     * the rest on every pass was most of their cost.
     */
    public YamlMap mapValues(BiFunction<String, YamlNode, YamlNode> fn) {
        Map<String, YamlNode> next = null;
        int unchanged = 0;
        for (Map.Entry<String, YamlNode> e : entries.entrySet()) {
            YamlNode mapped = fn.apply(e.getKey(), e.getValue());
            if (next == null) {
                if (mapped == e.getValue()) {
                    unchanged++;
                    continue;
                }
                next = LinkedHashMap.newLinkedHashMap(entries.size());
                for (Map.Entry<String, YamlNode> before : entries.entrySet()) {
                    if (unchanged-- == 0) {
                        break;
                    }
                    next.put(before.getKey(), before.getValue());
                }
            }
            if (mapped != null) {
                next.put(e.getKey(), mapped);
            }
        }
        return next == null ? this : new YamlMap(Collections.unmodifiableMap(next), keyLocations, location, tag);
    }

    public YamlMap withEntries(Map<String, YamlNode> newEntries) {
        return new YamlMap(newEntries, keyLocations, location, tag);
    }

    @Override
    public YamlMap withTag(String newTag) {
        return newTag.equals(tag) ? this : new YamlMap(entries, keyLocations, location, newTag);
    }

    /**
     * Starts a map at {@code location}, for code that sets several keys: one build without copies instead of a chain
     * of {@link #with} calls that copy the map once per key.
     */
    public static Builder builder(SourceLocation location) {
        return new Builder(location);
    }

    /** Collects the entries of a new map; {@link #build} hands them over without copying. */
    public static final class Builder {

        private final SourceLocation location;
        private Map<String, YamlNode> entries = new LinkedHashMap<>();

        private Builder(SourceLocation location) {
            this.location = location;
        }

        /** Sets a key (added at the end, or replaced in place); its location is the value's. */
        public Builder put(String key, YamlNode value) {
            entries.put(key, Objects.requireNonNull(value, key));
            return this;
        }

        /** The map; the builder cannot be used after this. */
        public YamlMap build() {
            return build(Map.of(), "");
        }

        /** As {@link #build()}, with where each key was written and a tag (for the reader). */
        YamlMap build(Map<String, SourceLocation> keyLocations, String tag) {
            Map<String, YamlNode> built = Collections.unmodifiableMap(entries);
            entries = null;
            return new YamlMap(built, keyLocations, location, tag);
        }
    }

    @Override
    public Object toPlain() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : entries.entrySet()) {
            out.put(e.getKey(), e.getValue().toPlain());
        }
        return out;
    }

    @Override
    public String kind() {
        return "mapping";
    }
}
