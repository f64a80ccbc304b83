package io.jcompose.cli.command.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.cli.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --format}: table, json lines, and templates. */
class OutputFormatTest {

    private final List<Map<String, String>> rows = List.of(row("abc", "web"), row("def", "db"));
    private final Map<String, String> columns = new LinkedHashMap<>(Map.of("CONTAINER ID", "ID"));

    private static Map<String, String> row(String id, String name) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("ID", id);
        r.put("Names", name);
        return r;
    }

    private String print(String format) {
        StringWriter out = new StringWriter();
        columns.put("NAMES", "Names");
        new OutputFormat(format).print(new PrintWriter(out), rows, columns);
        return out.toString();
    }

    @Test
    void table_isTheDefault() {
        assertThat(print(null)).isEqualTo("CONTAINER ID   NAMES\nabc            web\ndef            db\n");
    }

    @Test
    void json_oneObjectALine() {
        assertThat(print("json")).isEqualTo("{\"ID\":\"abc\",\"Names\":\"web\"}\n{\"ID\":\"def\",\"Names\":\"db\"}\n");
    }

    @Test
    void template_fillsFields_andRefusesUnknownOnes() {
        assertThat(print("{{.Names}}:{{ .ID }}")).isEqualTo("web:abc\ndb:def\n");
        assertThatThrownBy(() -> print("{{.Nope}}")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> new OutputFormat("yaml")).isInstanceOf(UsageException.class);
    }
}
