package io.jcompose.model.validate;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The walks behind the container schemas: lists, free mappings, objects and alternatives. */
final class Checks {

    private Checks() {
    }

    static YamlNode list(Schema.ListOf schema, YamlNode node, KeyPath path, Problems problems) {
        if (!(node instanceof YamlList list)) {
            problems.add(node.location(), path, "must be a list, found " + node.kind());
            return node;
        }
        List<YamlNode> items = new ArrayList<>(list.size());
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (isReset(list.items().get(i))) {
                items.add(list.items().get(i));
                continue;
            }
            YamlNode item = schema.item().check(list.items().get(i), path.index(i), problems);
            if (schema.unique() && item instanceof YamlScalar s && !seen.add(s.value())) {
                problems.add(item.location(), path.index(i), "duplicate entry \"" + s.text() + "\"");
            }
            items.add(item);
        }
        return list.withItems(items);
    }

    private static final Map<String, java.util.regex.Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private static java.util.regex.Pattern pattern(String regex) {
        return PATTERNS.computeIfAbsent(regex, java.util.regex.Pattern::compile);
    }

    static YamlNode mapOf(Schema.MapOf schema, YamlNode node, KeyPath path, Problems problems) {
        if (!(node instanceof YamlMap map)) {
            problems.add(node.location(), path, "must be a mapping, found " + node.kind());
            return node;
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : map.entries().entrySet()) {
            String key = e.getKey();
            if (schema.keyPattern() != null && !pattern(schema.keyPattern()).matcher(key).matches()
                    && !key.startsWith("x-")) {
                problems.add(map.keyLocation(key), path.child(key),
                        "invalid name \"" + key + "\" (expected " + schema.keyHint() + ")");
            }
            out.put(key, isReset(e.getValue()) ? e.getValue()
                    : schema.value().check(e.getValue(), path.child(key), problems));
        }
        return map.withEntries(out);
    }

    static YamlNode object(Schema.Obj schema, YamlNode node, KeyPath path, Problems problems) {
        if (!(node instanceof YamlMap map)) {
            problems.add(node.location(), path, "must be a mapping, found " + node.kind());
            return node;
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : map.entries().entrySet()) {
            String key = e.getKey();
            Schema field = schema.fields().get(key);
            if (field == null) {
                if (schema.extensions() && key.startsWith("x-")) {
                    out.put(key, e.getValue());
                    continue;
                }
                problems.add(map.keyLocation(key), path.child(key), unknownKey(key, schema));
                out.put(key, e.getValue());
                continue;
            }
            out.put(key, isReset(e.getValue()) ? e.getValue() : field.check(e.getValue(), path.child(key), problems));
        }
        for (String key : schema.required()) {
            if (!map.has(key)) {
                problems.add(map.location(), path, "missing required key \"" + key + "\"");
            }
        }
        return map.withEntries(out);
    }

    /** A {@code !reset} value only removes what an earlier file set; what it holds is never used or checked. */
    private static boolean isReset(YamlNode node) {
        return node.tag().equals(YamlNode.RESET);
    }

    private static String unknownKey(String key, Schema.Obj schema) {
        String closest = Suggestions.closest(key, schema.fields().keySet());
        return "unknown key \"" + key + "\"" + (closest == null ? "" : " (did you mean \"" + closest + "\"?)");
    }

    /** The first option that takes the node without a problem; else the first that takes its kind reports. */
    static YamlNode oneOf(Schema.OneOf schema, YamlNode node, KeyPath path, Problems problems) {
        Schema firstFit = null;
        for (Schema option : schema.options()) {
            if (!option.acceptsKind(node)) {
                continue;
            }
            Problems trial = problems.scratch();
            YamlNode checked = option.check(node, path, trial);
            if (trial.isEmpty()) {
                return checked;
            }
            if (firstFit == null) {
                firstFit = option;
            }
        }
        if (firstFit != null) {
            return firstFit.check(node, path, problems);
        }
        problems.add(node.location(), path, "must be " + schema.expected() + ", found " + node.kind());
        return node;
    }
}
