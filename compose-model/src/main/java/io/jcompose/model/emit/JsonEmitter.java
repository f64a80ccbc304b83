package io.jcompose.model.emit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes plain values as indented JSON in the key order of {@link KeyOrder}, like {@code config --format json}. */
public final class JsonEmitter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonEmitter() {
    }

    public static String emit(Map<String, ?> document) {
        StringWriter writer = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(writer)) {
            json.setPrettyPrinter(new GoStylePrettyPrinter());
            write(json, document, KeyOrder.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.append('\n').toString();
    }

    /** One line, no spaces, keys in {@link KeyOrder}: the stable form that hashes are computed over. */
    public static String compact(Map<String, ?> document) {
        StringWriter writer = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(writer)) {
            write(json, document, KeyOrder.SERVICE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.toString();
    }

    /**
     * As Go's encoding/json writes compose-go's types: the project is a plain map (keys sorted), and a service
     * always carries {@code command} and {@code entrypoint}, null when unset.
     */
    private static List<String> jsonKeys(KeyOrder path, Map<String, ?> map) {
        if (path == KeyOrder.ROOT) {
            return map.keySet().stream().sorted().toList();
        }
        if (path == KeyOrder.SERVICE && !(map.containsKey("command") && map.containsKey("entrypoint"))) {
            Map<String, Object> withNulls = new java.util.LinkedHashMap<>(map);
            withNulls.putIfAbsent("command", null);
            withNulls.putIfAbsent("entrypoint", null);
            return path.keys(withNulls);
        }
        return path.keys(map);
    }

    private static void write(JsonGenerator json, Object value, KeyOrder path) throws IOException {
        // instanceof, not a switch on types: see YamlEmitter.value
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, ?> map = (Map<String, ?>) m;
            json.writeStartObject();
            for (String key : jsonKeys(path, map)) {
                json.writeFieldName(key);
                write(json, map.get(key), path.child(key));
            }
            json.writeEndObject();
        } else if (value instanceof List<?> l) {
            json.writeStartArray();
            KeyOrder items = path.item();
            for (Object item : l) {
                write(json, item, items);
            }
            json.writeEndArray();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Long n) {
            json.writeNumber(n);
        } else if (value instanceof Double d) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                json.writeString(Numbers.format(d));
            } else {
                json.writeRawValue(Numbers.format(d));
            }
        } else {
            json.writeString(value.toString());
        }
    }
}
