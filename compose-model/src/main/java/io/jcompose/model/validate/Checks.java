package io.jcompose.model.validate;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.HashSet;
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
        Set<Object> seen = schema.unique() ? new HashSet<>() : null;
        return list.mapItems((i, original) -> {
            if (isReset(original)) {
                return original;
            }
            YamlNode item = schema.item().check(original, path.index(i), problems);
            if (seen != null && item instanceof YamlScalar s && !seen.add(s.value())) {
                problems.add(item.location(), path.index(i), "duplicate entry \"" + s.text() + "\"");
            }
            return item;
        });
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
        java.util.regex.Pattern keyPattern = schema.keyPattern() == null ? null : pattern(schema.keyPattern());
        return map.mapValues((key, value) -> {
            if (keyPattern != null && !keyPattern.matcher(key).matches() && !key.startsWith("x-")) {
                problems.add(map.keyLocation(key), path.child(key),
                        "invalid name \"" + key + "\" (expected " + schema.keyHint() + ")");
            }
            return isReset(value) ? value : schema.value().check(value, path.child(key), problems);
        });
    }

    static YamlNode object(Schema.Obj schema, YamlNode node, KeyPath path, Problems problems) {
        if (!(node instanceof YamlMap map)) {
            problems.add(node.location(), path, "must be a mapping, found " + node.kind());
            return node;
        }
        YamlNode checked = map.mapValues((key, value) -> {
            Schema field = schema.fields().get(key);
            if (field == null) {
                if (!(schema.extensions() && key.startsWith("x-"))) {
                    problems.add(map.keyLocation(key), path.child(key), unknownKey(key, schema));
                }
                return value;
            }
            return isReset(value) ? value : field.check(value, path.child(key), problems);
        });
        for (String key : schema.required()) {
            if (!map.has(key)) {
                problems.add(map.location(), path, "missing required key \"" + key + "\"");
            }
        }
        return checked;
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
