package io.jcompose.model.merge;

import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Removes redefinitions from the sequences docker compose treats as sets keyed by one field (ports by binding,
 * volumes by target, …): a later entry with the same key replaces the earlier one in its place. Runs on each
 * canonical file and again after every merge, as compose-go's {@code EnforceUnicity} does.
 */
public final class Unicity {

    /** The keyed sequences as a tree of keys under {@code services.*}, so a walk visits only where one may be. */
    private static final Trie KEYS = new Trie();

    static {
        Function<YamlNode, String> text = Unicity::text;
        KEYS.put("ports", Unicity::portKey);
        KEYS.put("volumes", item -> field(item, "target"));
        KEYS.put("devices", item -> field(item, "target"));
        KEYS.put("secrets", item -> mountKey(item, "/run/secrets/"));
        KEYS.put("configs", item -> mountKey(item, "/"));
        KEYS.put("env_file", item -> field(item, "path"));
        for (String list : List.of("expose", "cap_add", "cap_drop", "dns", "dns_opt", "dns_search", "links",
                "profiles", "tmpfs", "build.tags", "networks.*.aliases", "networks.*.link_local_ips")) {
            KEYS.put(list, text);
        }
    }

    private Unicity() {
    }

    /** A whole canonical file (or merged project) with the keyed sequences of every service de-duplicated. */
    public static YamlNode apply(YamlNode root) {
        if (!(root instanceof YamlMap file) || !(file.get("services").orElse(null) instanceof YamlMap services)) {
            return root;
        }
        return file.with("services", services.mapValues((name, service) -> walk(service, KEYS)));
    }

    /** Follows the trie's keys only: the rest of a service cannot hold a keyed sequence. */
    private static YamlNode walk(YamlNode node, Trie at) {
        if (node instanceof YamlMap map) {
            return map.mapValues((key, value) -> {
                Trie next = at.child(key);
                return next == null ? value : walk(value, next);
            });
        }
        if (node instanceof YamlList list && at.key != null) {
            return unique(list, at.key);
        }
        return node;
    }

    /** Dotted key patterns ({@code *} for any key) leading to the key function of a sequence. */
    private static final class Trie {
        private final Map<String, Trie> children = new HashMap<>();
        private Trie any;
        private Function<YamlNode, String> key;

        void put(String dotted, Function<YamlNode, String> keyOf) {
            Trie node = this;
            for (String segment : dotted.split("\\.")) {
                node = segment.equals("*") ? (node.any == null ? node.any = new Trie() : node.any)
                        : node.children.computeIfAbsent(segment, s -> new Trie());
            }
            node.key = keyOf;
        }

        Trie child(String segment) {
            Trie exact = children.get(segment);
            return exact != null ? exact : any;
        }
    }

    static YamlList unique(YamlList list, Function<YamlNode, String> keyOf) {
        List<YamlNode> out = new ArrayList<>(list.size());
        Map<String, Integer> seen = new HashMap<>();
        for (YamlNode item : list.items()) {
            String key = keyOf.apply(item);
            Integer at = key == null ? null : seen.get(key);
            if (at != null) {
                out.set(at, item);
            } else {
                if (key != null) {
                    seen.put(key, out.size());
                }
                out.add(item);
            }
        }
        return out.size() == list.size() ? list : list.withItems(out);
    }

    private static String text(YamlNode item) {
        return item instanceof YamlScalar s && !s.isNull() ? s.text() : null;
    }

    private static String field(YamlNode item, String key) {
        return item instanceof YamlMap map ? text(map.get(key)) : null;
    }

    /** host IP (0.0.0.0 when unset), published, target and protocol: two entries binding the same port collide. */
    private static String portKey(YamlNode item) {
        if (!(item instanceof YamlMap map)) {
            return text(item);
        }
        String host = field(map, "host_ip");
        String published = field(map, "published");
        String protocol = field(map, "protocol");
        return (host == null ? "0.0.0.0" : host) + ":" + (published == null ? "" : published) + ":"
                + field(map, "target") + "/" + (protocol == null ? "tcp" : protocol);
    }

    private static String mountKey(YamlNode item, String defaultDir) {
        String target = field(item, "target");
        if (target != null) {
            return target;
        }
        String source = field(item, "source");
        return source == null ? null : defaultDir + source;
    }

    private static String text(java.util.Optional<YamlNode> node) {
        return node.map(Unicity::text).orElse(null);
    }
}
