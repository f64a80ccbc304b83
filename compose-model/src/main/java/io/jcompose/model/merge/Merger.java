package io.jcompose.model.merge;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Merges canonical compose trees the way docker compose does for {@code -f a -f b}, overrides and {@code extends}:
 * mappings merge key by key, scalars are replaced, sequences follow {@link MergeRules}; {@code !reset} removes a
 * value and {@code !override} replaces it whole.
 */
public final class Merger {

    private Merger() {
    }

    /** {@code override} laid over {@code base}; both must be canonical whole files. */
    public static YamlNode merge(YamlNode base, YamlNode override) {
        return stripTags(mergeAt(base, override, KeyPath.ROOT));
    }

    /** Merges two values that sit at {@code path} (a service for {@code extends}: {@code services.web}). */
    public static YamlNode merge(YamlNode base, YamlNode override, KeyPath path) {
        return stripTags(mergeAt(base, override, path));
    }

    private static YamlNode mergeAt(YamlNode base, YamlNode override, KeyPath path) {
        if (override.tag().equals(YamlNode.OVERRIDE)) {
            return override;
        }
        MergeRules.Rule rule = MergeRules.ruleFor(path);
        if (rule == MergeRules.Rule.REPLACE) {
            return override;
        }
        if (base instanceof YamlMap b && override instanceof YamlMap o) {
            if (rule == MergeRules.Rule.LOGGING) {
                return logging(b, o, path);
            }
            return maps(b, o, path);
        }
        if (base instanceof YamlList b && override instanceof YamlList o) {
            return lists(b, o, rule);
        }
        return override;
    }

    private static YamlMap maps(YamlMap base, YamlMap override, KeyPath path) {
        Map<String, YamlNode> out = new LinkedHashMap<>(base.entries());
        YamlMap result = base;
        for (Map.Entry<String, YamlNode> e : override.entries().entrySet()) {
            String key = e.getKey();
            YamlNode value = e.getValue();
            if (value.tag().equals(YamlNode.RESET)) {
                out.remove(key);
                continue;
            }
            YamlNode existing = out.get(key);
            if (existing != null && value instanceof YamlScalar s && s.isNull() && s.tag().isEmpty()
                    && !MergeRules.nullOverrides(path.child(key))) {
                continue;
            }
            out.put(key, existing == null ? value : mergeAt(existing, value, path.child(key)));
        }
        Map<String, io.jcompose.model.source.SourceLocation> keys = new LinkedHashMap<>(base.keyLocations());
        override.keyLocations().forEach(keys::putIfAbsent);
        return new YamlMap(out, keys, result.location(), "");
    }

    private static YamlNode logging(YamlMap base, YamlMap override, KeyPath path) {
        String baseDriver = text(base.entries().get("driver"));
        String overrideDriver = text(override.entries().get("driver"));
        if (overrideDriver == null || baseDriver == null || overrideDriver.equals(baseDriver)) {
            return maps(base, override, path);
        }
        // another driver: the base's options mean nothing to it
        return override;
    }

    private static String text(YamlNode node) {
        return node instanceof YamlScalar s && !s.isNull() ? s.text() : null;
    }

    private static YamlList lists(YamlList base, YamlList override, MergeRules.Rule rule) {
        return switch (rule) {
            case BY_TARGET -> keyed(base, override, item -> field(item, "target"));
            case BY_FILE_REFERENCE -> keyed(base, override,
                    item -> field(item, "target") != null ? field(item, "target") : field(item, "source"));
            case BY_PATH -> keyed(base, override, item -> field(item, "path"));
            default -> appendUnique(base, override);
        };
    }

    private static Object field(YamlNode item, String key) {
        if (item instanceof YamlMap map && map.get(key).orElse(null) instanceof YamlScalar s && !s.isNull()) {
            return s.text();
        }
        return null;
    }

    /** Items with the same key are replaced in place by the override's; new ones are appended. */
    private static YamlList keyed(YamlList base, YamlList override, Function<YamlNode, Object> keyOf) {
        List<YamlNode> out = new ArrayList<>(base.items());
        for (YamlNode item : override.items()) {
            Object key = keyOf.apply(item);
            int at = -1;
            for (int i = 0; key != null && i < out.size(); i++) {
                if (key.equals(keyOf.apply(out.get(i)))) {
                    at = i;
                    break;
                }
            }
            if (at >= 0) {
                out.set(at, item);
            } else {
                out.add(item);
            }
        }
        return base.withItems(out);
    }

    /** The base's items, then the override's that are not already there. */
    private static YamlList appendUnique(YamlList base, YamlList override) {
        List<YamlNode> out = new ArrayList<>(base.items());
        List<Object> seen = new ArrayList<>();
        for (YamlNode item : base.items()) {
            seen.add(item.toPlain());
        }
        for (YamlNode item : override.items()) {
            Object plain = item.toPlain();
            if (!seen.contains(plain)) {
                seen.add(plain);
                out.add(item);
            }
        }
        return base.withItems(out);
    }

    /**
     * Removes {@code !reset} values and forgets {@code !override} tags once merging is over. Untagged subtrees (nearly
     * all of them) are returned as they are.
     */
    public static YamlNode stripTags(YamlNode node) {
        if (node instanceof YamlMap map) {
            return map.mapValues((key, value) -> value.tag().equals(YamlNode.RESET) ? null
                    : stripTags(value)).withTag("");
        }
        if (node instanceof YamlList list) {
            YamlList kept = list;
            for (YamlNode item : list.items()) {
                if (item.tag().equals(YamlNode.RESET)) {
                    kept = list.withItems(list.items().stream().filter(i -> !i.tag().equals(YamlNode.RESET)).toList());
                    break;
                }
            }
            return kept.mapItems((i, item) -> stripTags(item)).withTag("");
        }
        return node.withTag("");
    }
}
