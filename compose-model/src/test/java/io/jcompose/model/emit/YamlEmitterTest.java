package io.jcompose.model.emit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.model.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlEmitterTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "80", "8080:80", "1.5", "1e3", "0x1F", "0o17", "true", "False", "yes", "NO",
            "on", "off", "y", "n", "null", "Null", "~", "-", "- a", "---", "? x", ": x", "::1", "?x", ":x", "-x",
            "a: b", "a #b", "#c",
            "[x]", "{x}", "&a", "*a", "!t", "|", ">", "'", "\"", "%x", "@x", "`x", "a\nb", "a\tb", "trail ",
            " lead", "café", "a\\b", "\u0007", ".inf", "-.inf", ".nan", "12:30:00", "0755", "+1", "1_000", "a:",
            "key: value: more", "\ud83d\ude00", "x\r\ny", "\n   x", "a\n  b\n", "\n", "a\n\n", "x \ny", "end \n"})
    void emit_string_readsBackAsTheSameString(String value) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("v", value);
        document.put("list", List.of(value));

        String yaml = YamlEmitter.emit(document);

        Object back = YamlReader.read(yaml, "emitted").toPlain();
        assertThat(back).as(yaml).isEqualTo(document);
    }

    @Test
    void emit_service_usesComposeKeyOrder() {
        Map<String, Object> service = new LinkedHashMap<>();
        for (String key : List.of("x-custom", "volumes", "image", "environment", "build", "profiles", "command",
                "ports", "cap_add")) {
            service.put(key, key.equals("environment") ? Map.of("B", "2", "A", "1") : "v");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("services", Map.of("web", service));
        doc.put("name", "p");

        List<String> keys = keysOf(YamlEmitter.emit(doc), 4);

        assertThat(keys).containsExactly("profiles", "build", "cap_add", "command", "environment", "image", "ports",
                "volumes", "x-custom");
    }

    @Test
    void emit_port_usesStructOrder() {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("protocol", "tcp");
        port.put("published", "80");
        port.put("target", 80L);
        port.put("host_ip", "::1");
        port.put("mode", "ingress");
        Map<String, Object> doc = Map.of("services", Map.of("web", Map.of("ports", List.of(port))));

        assertThat(YamlEmitter.emit(doc)).isEqualTo("""
                services:
                  web:
                    ports:
                      - mode: ingress
                        host_ip: ::1
                        target: 80
                        published: "80"
                        protocol: tcp
                """);
    }

    @Test
    void emit_emptyAndNullValues() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("a", Map.of());
        doc.put("b", List.of());
        doc.put("c", null);

        assertThat(YamlEmitter.emit(doc)).isEqualTo("a: {}\nb: []\nc: null\n");
    }

    @Test
    void emit_multilineString_usesLiteralBlock() {
        Map<String, Object> doc = Map.of("script", "line one\nline two\n");

        assertThat(YamlEmitter.emit(doc)).isEqualTo("script: |\n  line one\n  line two\n");
    }

    private static List<String> keysOf(String yaml, int indent) {
        List<String> keys = new ArrayList<>();
        String pad = " ".repeat(indent);
        Arrays.stream(yaml.split("\n")).filter(l -> l.startsWith(pad) && !l.startsWith(pad + " ")
                && !l.startsWith(pad + "-")).forEach(l -> keys.add(l.strip().split(":")[0]));
        return keys;
    }
}
