package io.jcompose.model.load;

import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Switches services off by profile: a service with {@code profiles} runs only when one of them is active
 * ({@code --profile}, {@code COMPOSE_PROFILES}, {@code *} for all) or when it is named on the command line.
 */
final class Profiles {

    private Profiles() {
    }

    static YamlMap apply(YamlMap tree, Set<String> active, Set<String> named, Map<String, YamlNode> disabled) {
        if (!(tree.get("services").orElse(null) instanceof YamlMap services)) {
            return tree;
        }
        Set<String> enabledProfiles = new java.util.HashSet<>(active);
        for (String name : named) {
            if (services.entries().get(name) instanceof YamlMap s) {
                profilesOf(s).forEach(enabledProfiles::add);
            }
        }
        Map<String, YamlNode> kept = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : services.entries().entrySet()) {
            if (e.getValue() instanceof YamlMap s && !enabled(s, enabledProfiles)) {
                disabled.put(e.getKey(), s);
            } else {
                kept.put(e.getKey(), e.getValue());
            }
        }
        return kept.size() == services.size() ? tree : tree.with("services", services.withEntries(kept));
    }

    private static boolean enabled(YamlMap service, Set<String> active) {
        java.util.List<String> profiles = profilesOf(service);
        return profiles.isEmpty() || active.contains("*") || profiles.stream().anyMatch(active::contains);
    }

    private static java.util.List<String> profilesOf(YamlMap service) {
        if (service.get("profiles").orElse(null) instanceof YamlList list) {
            return list.items().stream().map(n -> ((YamlScalar) n).text()).toList();
        }
        return java.util.List.of();
    }
}
