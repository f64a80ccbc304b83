package io.jcompose.cli.command.objects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** JSON as the docker CLI prints it: {@code inspect} indented by four spaces, {@code --format json} one line. */
public final class DockerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DockerJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** A string map as a JSON object (labels, options). */
    public static ObjectNode map(Map<String, String> values) {
        ObjectNode node = MAPPER.createObjectNode();
        values.forEach(node::put);
        return node;
    }

    /** Indented the way {@code docker inspect} indents, empty objects and lists as {@code {}} and {@code []}. */
    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writer(new Printer()).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line, as {@code --format json} prints each row. */
    public static String line(JsonNode node) {
        return node.toString();
    }

    /** Jackson's pretty printer with docker's layout: four-space indent, {@code "key": value}, no {@code { }}. */
    private static final class Printer extends DefaultPrettyPrinter {

        private static final DefaultIndenter INDENT = new DefaultIndenter("    ", "\n");

        Printer() {
            _objectIndenter = INDENT;
            _arrayIndenter = INDENT;
        }

        Printer(Printer base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Printer(this);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            --_nesting;
            if (entries > 0) {
                _objectIndenter.writeIndentation(g, _nesting);
            }
            g.writeRaw('}');
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            --_nesting;
            if (values > 0) {
                _arrayIndenter.writeIndentation(g, _nesting);
            }
            g.writeRaw(']');
        }
    }
}
