package io.jcompose.model.emit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jcompose.model.source.KeyPath;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Writes plain values as indented JSON in the key order of {@link KeyOrder}, like {@code config --format json}. */
public final class JsonEmitter {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final KeyPath SERVICE = KeyPath.parse("services.*");

    private JsonEmitter() {
    }

    public static String emit(Map<String, ?> document) {
        StringWriter writer = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(writer)) {
            json.setPrettyPrinter(new GoStylePrettyPrinter());
            write(json, document, KeyPath.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.append('\n').toString();
    }

    /** One line, no spaces, keys in {@link KeyOrder}: the stable form that hashes are computed over. */
    public static String compact(Map<String, ?> document) {
        StringWriter writer = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(writer)) {
            write(json, document, KeyPath.of("services", "*"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.toString();
    }

    /**
     * As Go's encoding/json writes compose-go's types: the project is a plain map (keys sorted), and a service
     * always carries {@code command} and {@code entrypoint}, null when unset.
     */
    private static List<String> jsonKeys(KeyPath path, Map<String, ?> map) {
        if (path.size() == 0) {
            return map.keySet().stream().sorted().toList();
        }
        if (path.matches(SERVICE) && !(map.containsKey("command") && map.containsKey("entrypoint"))) {
            Map<String, Object> withNulls = new java.util.LinkedHashMap<>(map);
            withNulls.putIfAbsent("command", null);
            withNulls.putIfAbsent("entrypoint", null);
            return KeyOrder.keys(path, withNulls);
        }
        return KeyOrder.keys(path, map);
    }

    private static void write(JsonGenerator json, Object value, KeyPath path) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case Map<?, ?> m -> {
                @SuppressWarnings("unchecked")
                Map<String, ?> map = (Map<String, ?>) m;
                json.writeStartObject();
                for (String key : jsonKeys(path, map)) {
                    json.writeFieldName(key);
                    write(json, map.get(key), path.child(key));
                }
                json.writeEndObject();
            }
            case List<?> l -> {
                json.writeStartArray();
                for (int i = 0; i < l.size(); i++) {
                    write(json, l.get(i), path.index(i));
                }
                json.writeEndArray();
            }
            case Boolean b -> json.writeBoolean(b);
            case Long n -> json.writeNumber(n);
            case Double d when Double.isNaN(d) || Double.isInfinite(d) -> json.writeString(Numbers.format(d));
            case Double d -> json.writeRawValue(Numbers.format(d));
            default -> json.writeString(value.toString());
        }
    }
}
