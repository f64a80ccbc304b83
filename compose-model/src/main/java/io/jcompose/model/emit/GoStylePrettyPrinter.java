package io.jcompose.model.emit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;

/** Indents JSON as Go's {@code json.MarshalIndent(v, "", "  ")} does: {@code "key": value}, {@code {}} when empty. */
final class GoStylePrettyPrinter implements PrettyPrinter {

    private int depth;

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        open(g, '{');
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
        close(g, '}', nrOfEntries);
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        newline(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        open(g, '[');
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
        close(g, ']', nrOfValues);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        newline(g);
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        newline(g);
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        newline(g);
    }

    private void open(JsonGenerator g, char c) throws IOException {
        g.writeRaw(c);
        depth++;
    }

    private void close(JsonGenerator g, char c, int count) throws IOException {
        depth--;
        if (count > 0) {
            newline(g);
        }
        g.writeRaw(c);
    }

    /** A newline and the indentation of each depth, made once: big documents write hundreds of thousands. */
    private static final String[] NEWLINES = new String[16];

    static {
        for (int i = 0; i < NEWLINES.length; i++) {
            NEWLINES[i] = "\n" + "  ".repeat(i);
        }
    }

    private void newline(JsonGenerator g) throws IOException {
        g.writeRaw(depth < NEWLINES.length ? NEWLINES[depth] : "\n" + "  ".repeat(depth));
    }
}
