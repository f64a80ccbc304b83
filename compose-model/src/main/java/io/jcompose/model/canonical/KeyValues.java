package io.jcompose.model.canonical;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.SourceLocation;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code KEY=value} lists to mappings (environment, labels, args), and {@code extra_hosts} to one form. */
public final class KeyValues {

    private KeyValues() {
    }

    /**
     * A list of {@code KEY=value} to a mapping. {@code KEY} alone maps to null when {@code bareIsNull} (an
     * environment variable taken from the shell), to the empty string otherwise (a label without value).
     */
    static YamlNode toMap(YamlNode node, KeyPath path, boolean bareIsNull) {
        if (node instanceof YamlMap map) {
            // values become their text (FOO: 1 is "1"); a value that already is an unquoted string stays as it is
            return map.mapValues((k, v) -> v instanceof YamlScalar s && !s.isNull()
                    && !(s.value() instanceof String && !s.quoted())
                    ? YamlScalar.of(s.text(), s.location()).withTag(s.tag()) : v);
        }
        if (!(node instanceof YamlList list)) {
            return node;
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        Map<String, SourceLocation> keys = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.items().get(i) instanceof YamlScalar s)) {
                continue;
            }
            String text = s.text();
            int eq = text.indexOf('=');
            if (eq == 0) {
                throw Canonicalizer.problem(s.location(), path.index(i),
                        "invalid entry \"" + text + "\" (expected KEY=value)");
            }
            String key = eq < 0 ? text : text.substring(0, eq);
            Object value = eq < 0 ? (bareIsNull ? null : "") : text.substring(eq + 1);
            out.put(key, YamlScalar.of(value, s.location()));
            keys.put(key, s.location());
        }
        return new YamlMap(out, keys, list.location(), list.tag());
    }

    /**
     * {@code extra_hosts} as a sorted list of {@code host=ip}, from {@code host:ip}, {@code host=ip} or a mapping,
     * one entry per address ({@code host=a,b} is two), brackets dropped from IPv6 addresses, as compose prints them.
     */
    static YamlNode extraHosts(YamlNode node, KeyPath path) {
        List<YamlNode> out = new ArrayList<>();
        if (node instanceof YamlMap map) {
            for (Map.Entry<String, YamlNode> e : map.entries().entrySet()) {
                YamlNode v = e.getValue();
                List<YamlNode> ips = v instanceof YamlList l ? l.items() : List.of(v);
                for (YamlNode ip : ips) {
                    addHost(out, e.getKey(), ((YamlScalar) ip).text(), ip.location(), path.child(e.getKey()));
                }
            }
            return sorted(new YamlList(out, map.location(), map.tag()));
        }
        if (!(node instanceof YamlList list)) {
            return node;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.items().get(i) instanceof YamlScalar s)) {
                continue;
            }
            String text = s.text();
            int eq = text.indexOf('=');
            int sep = eq >= 0 ? eq : text.indexOf(':');
            if (sep < 0) {
                throw Canonicalizer.problem(s.location(), path.index(i),
                        "invalid extra host \"" + text + "\" (expected HOST=IP or HOST:IP)");
            }
            for (String ip : text.substring(sep + 1).split(",", -1)) {
                addHost(out, text.substring(0, sep), ip, s.location(), path.index(i));
            }
        }
        return sorted(list.withItems(out));
    }

    private static void addHost(List<YamlNode> out, String host, String ip, SourceLocation at, KeyPath path) {
        if (host.isEmpty() || host.contains(":") || host.contains("=")) {
            throw Canonicalizer.problem(at, path, "invalid extra host name \"" + host
                    + "\" (expected a name without ':' or '=')");
        }
        String address = ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")
                ? ip.substring(1, ip.length() - 1) : ip;
        out.add(YamlScalar.of(host + "=" + address, at));
    }

    private static String sortText(YamlNode node) {
        return node instanceof YamlScalar s ? s.text() : "";
    }

    /** The entries sorted as text, as compose prints them. */
    public static YamlNode sorted(YamlNode node) {
        if (!(node instanceof YamlList list)) {
            return node;
        }
        List<YamlNode> items = new ArrayList<>(list.items());
        items.sort((a, b) -> sortText(a).compareTo(sortText(b)));
        return list.withItems(items);
    }
}
