package io.jcompose.model.merge;

import io.jcompose.model.source.KeyPath;
import java.util.LinkedHashMap;
import java.util.Map;

/** How each attribute merges when files are layered, by key-path pattern; everything else merges by default. */
final class MergeRules {

    /** The merge behaviours that differ from "mappings merge, sequences append without duplicates". */
    enum Rule {
        DEFAULT,
        /** The override's value replaces the base's whole (commands, healthcheck tests). */
        REPLACE,
        /** Sequence items with the same {@code target} replace each other (volumes). */
        BY_TARGET,
        /** Secrets and configs: same target, or same source when no target. */
        BY_FILE_REFERENCE,
        /** Sequence items with the same {@code path} replace each other (env_file). */
        BY_PATH,
        /** Options merge only when the logging driver stays the same. */
        LOGGING
    }

    private static final Map<KeyPath, Rule> RULES = new LinkedHashMap<>();

    static {
        RULES.put(KeyPath.parse("services.*.command"), Rule.REPLACE);
        RULES.put(KeyPath.parse("services.*.entrypoint"), Rule.REPLACE);
        RULES.put(KeyPath.parse("services.*.healthcheck.test"), Rule.REPLACE);
        RULES.put(KeyPath.parse("services.*.ulimits.*"), Rule.REPLACE);
        RULES.put(KeyPath.parse("services.*.volumes"), Rule.BY_TARGET);
        RULES.put(KeyPath.parse("services.*.secrets"), Rule.BY_FILE_REFERENCE);
        RULES.put(KeyPath.parse("services.*.configs"), Rule.BY_FILE_REFERENCE);
        RULES.put(KeyPath.parse("services.*.env_file"), Rule.BY_PATH);
        RULES.put(KeyPath.parse("services.*.logging"), Rule.LOGGING);
        RULES.put(KeyPath.parse("networks.*.ipam.config"), Rule.REPLACE);
    }

    /** Mappings whose entries may be null on purpose ({@code FOO} without a value): a null entry overrides. */
    private static final java.util.List<KeyPath> NULLABLE_ENTRIES = java.util.stream.Stream.of(
            "services.*.environment", "services.*.labels", "services.*.annotations", "services.*.sysctls",
            "services.*.build.args", "services.*.build.labels", "services.*.build.additional_contexts",
            "services.*.deploy.labels", "services.*.volumes.*.volume.labels", "networks.*.labels",
            "volumes.*.labels").map(KeyPath::parse).toList();

    private MergeRules() {
    }

    /**
     * Whether a null in the override replaces the base's value at {@code path}. Elsewhere compose-go keeps the
     * base value: {@code networks: {front: }} over {@code front: {aliases: [a]}} keeps the aliases.
     */
    static boolean nullOverrides(KeyPath path) {
        KeyPath parent = path.parent();
        return NULLABLE_ENTRIES.stream().anyMatch(parent::matches) || ruleFor(path) == Rule.REPLACE;
    }

    static Rule ruleFor(KeyPath path) {
        for (Map.Entry<KeyPath, Rule> e : RULES.entrySet()) {
            if (path.matches(e.getKey())) {
                return e.getValue();
            }
        }
        return Rule.DEFAULT;
    }
}
