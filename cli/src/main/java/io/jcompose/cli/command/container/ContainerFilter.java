package io.jcompose.cli.command.container;

import io.jcompose.cli.UsageException;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.spi.ContainerInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code --filter key=value} of {@code ps} and {@code prune}: filters of the same key match any of their values
 * (but every {@code label} must match), filters of different keys must all match, as the docker CLI combines them.
 */
final class ContainerFilter {

    private static final List<String> KEYS = List.of("id", "name", "label", "status", "exited", "ancestor",
            "network", "volume", "health", "until");

    private final Map<String, List<String>> byKey = new LinkedHashMap<>();

    ContainerFilter(List<String> flags) {
        for (String flag : flags) {
            int eq = flag.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("bad format of filter (expected name=value)");
            }
            String key = flag.substring(0, eq).toLowerCase();
            if (!KEYS.contains(key)) {
                throw new UsageException("invalid filter '" + key + "'");
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(flag.substring(eq + 1));
        }
    }

    boolean has(String key) {
        return byKey.containsKey(key);
    }

    List<String> values(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    /** Whether the container passes; {@code until} is the caller's (only prune has it). */
    boolean test(ContainerInfo info, ContainerRecord record) {
        return all("id", v -> info.id().startsWith(v))
                && all("name", v -> matches(v, info.name()))
                && values("label").stream().allMatch(v -> label(info.labels(), v))
                && all("status", v -> info.state().text().equals(v))
                && all("exited", v -> info.state().text().equals("exited")
                        && Integer.toString(info.exitCode()).equals(v))
                && all("ancestor", v -> info.image().equals(v) || record.imageId().startsWith(v)
                        || record.imageId().equals("sha256:" + v) || info.image().startsWith(v + ":"))
                && all("network", v -> record.spec().networks().containsKey(v)
                        || record.spec().networkMode().filter(v::equals).isPresent())
                && all("volume", v -> record.mounts().stream().anyMatch(m -> m.volume().filter(v::equals)
                        .isPresent() || m.spec().target().equals(v)))
                && all("health", v -> info.health().name().toLowerCase().equals(v)
                        || v.equals("none") && info.health().name().equals("NONE"));
    }

    /** Docker's name filter is a regular expression found anywhere in the name. */
    private static boolean matches(String pattern, String name) {
        try {
            return Pattern.compile(pattern).matcher(name).find();
        } catch (PatternSyntaxException e) {
            return name.contains(pattern);
        }
    }

    private static boolean label(Map<String, String> labels, String filter) {
        int eq = filter.indexOf('=');
        return eq < 0 ? labels.containsKey(filter)
                : filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
    }

    private boolean all(String key, java.util.function.Predicate<String> anyOf) {
        List<String> values = byKey.get(key);
        return values == null || values.stream().anyMatch(anyOf);
    }
}
