package io.jcompose.model.canonical;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.source.SchemaException;
import io.jcompose.model.source.SourceLocation;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Rewrites every short syntax of one (validated) file into its long form, before files are merged, so that merge
 * rules and later stages only ever see one shape per attribute. The table maps a service attribute to its rewrite.
 */
public final class Canonicalizer {

    private static final Map<String, BiFunction<YamlNode, KeyPath, YamlNode>> SERVICE_RULES = serviceRules();

    private Canonicalizer() {
    }

    private static Map<String, BiFunction<YamlNode, KeyPath, YamlNode>> serviceRules() {
        Map<String, BiFunction<YamlNode, KeyPath, YamlNode>> rules = new LinkedHashMap<>();
        rules.put("build", Canonicalizer::build);
        rules.put("command", Canonicalizer::shellCommand);
        rules.put("entrypoint", Canonicalizer::shellCommand);
        rules.put("healthcheck", Canonicalizer::healthcheck);
        rules.put("depends_on", Canonicalizer::dependsOn);
        rules.put("environment", (n, p) -> KeyValues.toMap(n, p, true));
        rules.put("labels", (n, p) -> KeyValues.toMap(n, p, false));
        rules.put("annotations", (n, p) -> KeyValues.toMap(n, p, false));
        rules.put("sysctls", (n, p) -> KeyValues.toMap(n, p, false));
        rules.put("extra_hosts", KeyValues::extraHosts);
        rules.put("deploy", DevicesTransformer::deploy);
        rules.put("gpus", DevicesTransformer::gpus);
        rules.put("env_file", Canonicalizer::envFile);
        rules.put("extends", (n, p) -> n instanceof YamlScalar s ? single("service", s) : n);
        rules.put("networks", Canonicalizer::listToNullMap);
        rules.put("ports", PortsTransformer::transform);
        rules.put("volumes", VolumesTransformer::transform);
        rules.put("secrets", Canonicalizer::secretRefs);
        rules.put("configs", Canonicalizer::fileRefs);
        rules.put("dns", Canonicalizer::stringToList);
        rules.put("dns_search", Canonicalizer::stringToList);
        rules.put("tmpfs", Canonicalizer::stringToList);
        rules.put("label_file", Canonicalizer::stringToList);
        rules.put("expose", Canonicalizer::expose);
        rules.put("devices", DevicesTransformer::devices);
        rules.put("models", Canonicalizer::listToNullMap);
        return rules;
    }

    /** Canonicalises a whole file. */
    public static YamlNode canonicalize(YamlNode root) {
        if (!(root instanceof YamlMap file)) {
            return root;
        }
        return file.mapValues((key, value) -> switch (key) {
            case "services" -> eachEntry(value, KeyPath.of(key), Canonicalizer::service);
            case "networks", "volumes", "secrets", "configs" ->
                    eachEntry(value, KeyPath.of(key), Canonicalizer::resource);
            case "include" -> include(value, KeyPath.of(key));
            default -> value;
        });
    }

    /** Canonicalises a single service definition (also used for services brought in by extends). */
    public static YamlNode service(YamlNode service, KeyPath path) {
        if (!(service instanceof YamlMap map)) {
            return service;
        }
        return map.mapValues((key, value) -> {
            BiFunction<YamlNode, KeyPath, YamlNode> rule = SERVICE_RULES.get(key);
            return rule == null ? value : rule.apply(value, path.child(key));
        });
    }

    private static YamlNode eachEntry(YamlNode node, KeyPath path, BiFunction<YamlNode, KeyPath, YamlNode> fn) {
        if (node instanceof YamlScalar s && s.isNull()) {
            return YamlMap.empty(node.location());
        }
        if (!(node instanceof YamlMap map)) {
            return node;
        }
        return map.mapValues((key, value) -> fn.apply(value, path.child(key)));
    }

    static YamlNode child(YamlNode node, KeyPath path, String key,
                                  BiFunction<YamlNode, KeyPath, YamlNode> fn) {
        if (node instanceof YamlMap map && map.has(key)) {
            return map.with(key, fn.apply(map.entries().get(key), path.child(key)));
        }
        return node;
    }

    static YamlMap single(String key, YamlScalar value) {
        return YamlMap.empty(value.location()).with(key, value);
    }

    private static YamlNode build(YamlNode node, KeyPath path) {
        if (node instanceof YamlScalar s) {
            return single("context", s);
        }
        YamlNode out = child(node, path, "args", (v, p) -> KeyValues.toMap(v, p, true));
        out = child(out, path, "labels", (v, p) -> KeyValues.toMap(v, p, false));
        out = child(out, path, "additional_contexts", (v, p) -> KeyValues.toMap(v, p, false));
        out = child(out, path, "ssh", (v, p) -> KeyValues.toMap(v, p, true));
        out = child(out, path, "extra_hosts", KeyValues::extraHosts);
        return child(out, path, "secrets", Canonicalizer::fileRefs);
    }

    private static YamlNode shellCommand(YamlNode node, KeyPath path) {
        if (!(node instanceof YamlScalar s) || s.isNull()) {
            return node;
        }
        List<String> words = ShellWords.split(s.text()).orElseThrow(() -> new SchemaException(Problem.at(
                s.location(), path, "invalid command line " + quoted(s.text())
                        + " (close every quote, and quote any '(' or ')')")));
        return strings(words, s.location(), s.tag());
    }

    /** Double-quoted with {@code "} and {@code \\} escaped, so a message stays one readable line. */
    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static YamlList strings(List<String> words, SourceLocation at, String tag) {
        List<YamlNode> items = new ArrayList<>(words.size());
        for (String w : words) {
            items.add(YamlScalar.of(w, at));
        }
        return new YamlList(items, at, tag);
    }

    private static YamlNode healthcheck(YamlNode node, KeyPath path) {
        return child(node, path, "test", (test, p) -> test instanceof YamlScalar s && !s.isNull()
                ? strings(List.of("CMD-SHELL", s.text()), s.location(), s.tag())
                : test);
    }

    private static YamlNode dependsOn(YamlNode node, KeyPath path) {
        YamlNode asMap = listToNullMap(node, path);
        if (!(asMap instanceof YamlMap map)) {
            return node;
        }
        return map.mapValues((name, dep) -> {
            if (!(dep instanceof YamlMap)) {
                // the list form: both defaults at once, without copying a map per key
                return YamlMap.builder(dep.location())
                        .put("condition", YamlScalar.of("service_started", dep.location()))
                        .put("required", YamlScalar.of(true, dep.location())).build();
            }
            YamlMap entry = (YamlMap) dep;
            if (!entry.has("condition")) {
                entry = entry.with("condition", YamlScalar.of("service_started", dep.location()));
            }
            if (!entry.has("required")) {
                entry = entry.with("required", YamlScalar.of(true, dep.location()));
            }
            return entry;
        });
    }

    /** A list of names to a mapping from each name to null (networks, depends_on before defaults, models). */
    private static YamlNode listToNullMap(YamlNode node, KeyPath path) {
        if (!(node instanceof YamlList list)) {
            return node;
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        Map<String, SourceLocation> keys = new LinkedHashMap<>();
        for (YamlNode item : list.items()) {
            if (item instanceof YamlScalar s) {
                out.put(s.text(), YamlScalar.of(null, s.location()));
                keys.put(s.text(), s.location());
            }
        }
        return new YamlMap(out, keys, list.location(), list.tag());
    }

    private static YamlNode envFile(YamlNode node, KeyPath path) {
        YamlNode list = stringToList(node, path);
        if (!(list instanceof YamlList l)) {
            return node;
        }
        List<YamlNode> out = new ArrayList<>();
        for (YamlNode item : l.items()) {
            YamlMap entry = item instanceof YamlScalar s ? single("path", s) : (YamlMap) item;
            if (!entry.has("required")) {
                entry = entry.with("required", YamlScalar.of(true, item.location()));
            }
            out.add(entry);
        }
        return l.withItems(out);
    }

    private static YamlNode fileRefs(YamlNode node, KeyPath path) {
        if (!(node instanceof YamlList list)) {
            return node;
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            YamlNode item = list.items().get(i);
            YamlNode ref = item instanceof YamlScalar s ? single("source", s) : item;
            out.add(ref);
        }
        return list.withItems(out);
    }

    /** Secrets mount at {@code /run/secrets/<source>} unless told otherwise, as compose-go's defaults say. */
    private static YamlNode secretRefs(YamlNode node, KeyPath path) {
        if (!(fileRefs(node, path) instanceof YamlList list)) {
            return node;
        }
        return list.withItems(list.items().stream().map(item -> item instanceof YamlMap ref && !ref.has("target")
                && ref.get("source").orElse(null) instanceof YamlScalar source && source.text().indexOf('$') < 0
                ? (YamlNode) ref.with("target", YamlScalar.of("/run/secrets/" + source.text(), ref.location()))
                : item).toList());
    }

    private static YamlNode stringToList(YamlNode node, KeyPath path) {
        if (node instanceof YamlScalar s && !s.isNull()) {
            return new YamlList(List.of(s), s.location(), s.tag());
        }
        return node;
    }

    private static YamlNode expose(YamlNode node, KeyPath path) {
        if (!(node instanceof YamlList list)) {
            return node;
        }
        return list.withItems(list.items().stream()
                .map(item -> item instanceof YamlScalar s ? (YamlNode) YamlScalar.of(s.text(), s.location()) : item)
                .toList());
    }

    private static YamlNode resource(YamlNode node, KeyPath path) {
        if (node instanceof YamlScalar s && s.isNull()) {
            return YamlMap.empty(node.location());
        }
        if (!(node instanceof YamlMap map)) {
            return node;
        }
        YamlMap out = map;
        // the legacy form external: {name: x} means name: x, external: true
        if (map.get("external").orElse(null) instanceof YamlMap ext) {
            out = out.with("external", YamlScalar.of(true, ext.location()));
            if (ext.get("name").orElse(null) instanceof YamlScalar name && !map.has("name")) {
                out = out.with("name", name);
            }
        }
        return child(out, path, "labels", (v, p) -> KeyValues.toMap(v, p, false));
    }

    private static YamlNode include(YamlNode node, KeyPath path) {
        if (!(node instanceof YamlList list)) {
            return node;
        }
        List<YamlNode> out = new ArrayList<>();
        for (YamlNode item : list.items()) {
            YamlNode entry = item instanceof YamlScalar s ? single("path", s) : item;
            entry = child(entry, path, "path", Canonicalizer::stringToList);
            entry = child(entry, path, "env_file", Canonicalizer::stringToList);
            out.add(entry);
        }
        return list.withItems(out);
    }

    static SchemaException problem(SourceLocation at, KeyPath path, String message) {
        return new SchemaException(Problem.at(at, path, message));
    }
}
