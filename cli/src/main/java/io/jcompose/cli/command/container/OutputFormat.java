package io.jcompose.cli.command.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.cli.UsageException;
import io.jcompose.cli.render.Table;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --format} of the docker CLI's list commands: {@code table} (the default), {@code json} (an object a
 * line), or a template of {@code {{.Field}}} placeholders, one line a row.
 */
final class OutputFormat {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*(?:json\\s+)?\\.([\\w.]*)\\s*}}");

    private final String format;

    OutputFormat(String format) {
        this.format = format == null || format.isBlank() ? "table" : format;
        if (!this.format.equals("table") && !this.format.equals("json") && !this.format.contains("{{")) {
            throw new UsageException("unsupported format \"" + format + "\" (table, json or a {{.Field}} template)");
        }
    }

    /**
     * Prints {@code rows}, each a map from the JSON field names to their text; {@code columns} pairs a table
     * header with the field under it.
     */
    void print(PrintWriter out, List<Map<String, String>> rows, Map<String, String> columns) {
        switch (format) {
            case "table" -> {
                Table table = new Table(columns.keySet().toArray(String[]::new));
                for (Map<String, String> row : rows) {
                    table.row(columns.values().stream().map(f -> row.getOrDefault(f, "")).toArray(String[]::new));
                }
                out.print(table.render());
            }
            case "json" -> rows.forEach(row -> out.println(json(row)));
            default -> rows.forEach(row -> out.println(template(row)));
        }
        out.flush();
    }

    private String template(Map<String, String> row) {
        return fill(format, field -> Optional.ofNullable(row.get(field)));
    }

    /** {@code template} with each {@code {{.Path}}} replaced by what {@code lookup} finds for the path. */
    static String fill(String template, Function<String, Optional<String>> lookup) {
        String text = template.startsWith("table ") ? template.substring(6) : template;
        Matcher m = FIELD.matcher(text.replace("\\t", "\t").replace("\\n", "\n"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = lookup.apply(m.group(1)).orElseThrow(() -> new UsageException(
                    "template: can't evaluate field " + m.group(1)));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String json(Map<String, String> row) {
        ObjectNode node = JSON.createObjectNode();
        new LinkedHashMap<>(row).forEach(node::put);
        return node.toString();
    }
}
