package io.jcompose.model.yaml;

import io.jcompose.model.source.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
        return map.getClass() == FROZEN ? map : Collections.unmodifiableMap(new LinkedHashMap<>(map));
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

    /** A copy with one key set (added at the end, or replaced in place). */
    public YamlMap with(String key, YamlNode value) {
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

    /** A copy whose values are replaced by {@code fn(key, value)}; a null result drops the key. */
    public YamlMap mapValues(BiFunction<String, YamlNode, YamlNode> fn) {
        Map<String, YamlNode> next = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : entries.entrySet()) {
            YamlNode mapped = fn.apply(e.getKey(), e.getValue());
            if (mapped != null) {
                next.put(e.getKey(), mapped);
            }
        }
        return new YamlMap(Collections.unmodifiableMap(next), keyLocations, location, tag);
    }

    public YamlMap withEntries(Map<String, YamlNode> newEntries) {
        return new YamlMap(newEntries, keyLocations, location, tag);
    }

    @Override
    public YamlMap withTag(String newTag) {
        return new YamlMap(entries, keyLocations, location, newTag);
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
