package io.jcompose.cli.command.objects;

import io.jcompose.cli.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --filter key=value} flags of an {@code ls} or {@code prune}: values of one key are alternatives (any may
 * match), different keys must all match, as in the docker CLI.
 */
public final class Filters {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Filters() {
    }

    /** Parses the flags, refusing a key the command does not know with docker's message. */
    public static Filters parse(List<String> flags, Set<String> keys) {
        Filters filters = new Filters();
        for (String flag : flags == null ? List.<String>of() : flags) {
            int eq = flag.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("bad format of filter (expected name=value)");
            }
            String key = flag.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            if (!keys.contains(key)) {
                throw new UsageException("invalid filter '" + key + "'");
            }
            filters.values.computeIfAbsent(key, k -> new ArrayList<>()).add(flag.substring(eq + 1));
        }
        return filters;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public List<String> get(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** Whether {@code key} is absent or one of its values passes {@code test}. */
    public boolean any(String key, java.util.function.Predicate<String> test) {
        return !has(key) || get(key).stream().anyMatch(test);
    }

    /** {@code dangling=true|false} (also 1/0); a bad value is refused as docker refuses it. */
    public java.util.Optional<Boolean> bool(String key) {
        if (!has(key)) {
            return java.util.Optional.empty();
        }
        String v = get(key).getLast().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true", "1" -> java.util.Optional.of(true);
            case "false", "0" -> java.util.Optional.of(false);
            default -> throw new UsageException("invalid filter '" + key + "=" + get(key).getLast() + "'");
        };
    }

    /**
     * Whether labels pass every {@code label=…} value: {@code key} needs the label, {@code key=value} its value.
     * Unlike other keys, several {@code label} filters must all match, as in docker.
     */
    public boolean labels(Map<String, String> labels) {
        for (String wanted : get("label")) {
            int eq = wanted.indexOf('=');
            if (eq < 0 ? !labels.containsKey(wanted)
                    : !wanted.substring(eq + 1).equals(labels.get(wanted.substring(0, eq)))) {
                return false;
            }
        }
        return true;
    }
}
