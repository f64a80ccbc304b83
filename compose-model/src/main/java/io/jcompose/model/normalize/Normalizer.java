package io.jcompose.model.normalize;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.SourceLocation;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Fills in what docker compose fills in after merging: env files read into {@code environment}, the implicit
 * {@code default} network, dependencies implied by links, {@code network_mode: service:} and {@code volumes_from},
 * build defaults, and the names of networks, volumes, secrets and configs ({@code <project>_<key>}).
 */
public final class Normalizer {

    private final String projectName;
    private final Path workingDir;
    private final Function<String, Optional<String>> lookup;

    public Normalizer(String projectName, Path workingDir, Function<String, Optional<String>> lookup) {
        this.projectName = projectName;
        this.workingDir = workingDir;
        this.lookup = lookup;
    }

    public YamlMap normalize(YamlMap file) {
        YamlMap services = section(file, "services");
        YamlMap normalized = services.mapValues((name, service) -> service instanceof YamlMap s
                ? service(name, s) : service);
        YamlMap out = file.with("services", normalized);
        out = withDefaultNetwork(out, normalized);
        for (String section : new String[] {"networks", "volumes", "secrets", "configs"}) {
            out = named(out, section, used(normalized, section));
        }
        return out;
    }

    static YamlMap section(YamlMap file, String key) {
        return file.get(key).orElse(null) instanceof YamlMap m ? m : YamlMap.empty(file.location());
    }

    private YamlMap service(String name, YamlMap service) {
        KeyPath path = KeyPath.of("services", name);
        YamlMap out = EnvironmentResolver.resolve(service, path, workingDir, lookup);
        out = buildDefaults(out);
        if (!out.has("network_mode") && !out.has("networks")) {
            out = out.with("networks", YamlMap.empty(out.location())
                    .with("default", YamlScalar.of(null, out.location())));
        }
        out = impliedDependencies(out);
        if (out.get("pull_policy").orElse(null) instanceof YamlScalar p && p.text().equals("if_not_present")) {
            out = out.with("pull_policy", p.withValue("missing"));
        }
        return out;
    }

    private YamlMap buildDefaults(YamlMap service) {
        if (!(service.get("build").orElse(null) instanceof YamlMap build)) {
            return service;
        }
        YamlMap out = build;
        if (!out.has("context")) {
            out = out.with("context", YamlScalar.of(workingDir.toString(), build.location()));
        }
        if (!out.has("dockerfile") && !out.has("dockerfile_inline")) {
            out = out.with("dockerfile", YamlScalar.of("Dockerfile", build.location()));
        }
        return service.with("build", out);
    }

    /** links, network_mode: service:x and volumes_from: x mean x must start first. */
    private static YamlMap impliedDependencies(YamlMap service) {
        Set<String> implied = new LinkedHashSet<>();
        if (service.get("links").orElse(null) instanceof YamlList links) {
            links.items().forEach(l -> implied.add(((YamlScalar) l).text().split(":")[0]));
        }
        if (service.get("network_mode").orElse(null) instanceof YamlScalar mode
                && mode.text().startsWith("service:")) {
            implied.add(mode.text().substring("service:".length()));
        }
        if (service.get("volumes_from").orElse(null) instanceof YamlList from) {
            for (YamlNode f : from.items()) {
                String text = ((YamlScalar) f).text();
                if (!text.startsWith("container:")) {
                    implied.add(text.split(":")[0]);
                }
            }
        }
        if (implied.isEmpty()) {
            return service;
        }
        YamlMap deps = service.get("depends_on").orElse(null) instanceof YamlMap m ? m
                : YamlMap.empty(service.location());
        for (String dep : implied) {
            if (!deps.has(dep)) {
                SourceLocation at = service.location();
                deps = deps.with(dep, YamlMap.empty(at)
                        .with("condition", YamlScalar.of("service_started", at))
                        .with("required", YamlScalar.of(true, at)));
            }
        }
        return service.with("depends_on", deps);
    }

    private static YamlMap withDefaultNetwork(YamlMap file, YamlMap services) {
        boolean usesDefault = services.entries().values().stream().anyMatch(s -> s instanceof YamlMap m
                && m.get("networks").orElse(null) instanceof YamlMap nets && nets.has("default"));
        YamlMap networks = section(file, "networks");
        if (usesDefault && !networks.has("default")) {
            networks = networks.with("default", YamlMap.empty(file.location()));
        }
        return file.with("networks", networks);
    }

    /** The keys of a section that some service refers to. */
    private static Set<String> used(YamlMap services, String section) {
        Set<String> used = new LinkedHashSet<>();
        for (YamlNode node : services.entries().values()) {
            if (!(node instanceof YamlMap service)) {
                continue;
            }
            switch (section) {
                case "networks" -> service.get("networks").filter(YamlMap.class::isInstance)
                        .ifPresent(n -> used.addAll(((YamlMap) n).entries().keySet()));
                case "volumes" -> service.get("volumes").filter(YamlList.class::isInstance)
                        .ifPresent(v -> ((YamlList) v).items().forEach(item -> volumeSource(item, used)));
                default -> service.get(section).filter(YamlList.class::isInstance)
                        .ifPresent(v -> ((YamlList) v).items().forEach(item -> {
                            if (item instanceof YamlMap ref && ref.get("source").orElse(null) instanceof YamlScalar s) {
                                used.add(s.text());
                            }
                        }));
            }
        }
        return used;
    }

    private static void volumeSource(YamlNode item, Set<String> used) {
        if (item instanceof YamlMap v && v.get("type").orElse(null) instanceof YamlScalar t
                && t.text().equals("volume") && v.get("source").orElse(null) instanceof YamlScalar s) {
            used.add(s.text());
        }
    }

    /** Drops what no service uses (as docker compose does) and gives the rest their backend names. */
    private YamlMap named(YamlMap file, String section, Set<String> used) {
        if (!file.has(section)) {
            return file;
        }
        YamlMap entries = section(file, section);
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : entries.entries().entrySet()) {
            if (!used.contains(e.getKey())) {
                continue;
            }
            YamlMap resource = e.getValue() instanceof YamlMap m ? m : YamlMap.empty(e.getValue().location());
            if (!resource.has("name")) {
                boolean external = resource.get("external").orElse(null) instanceof YamlScalar x
                        && Boolean.TRUE.equals(x.value());
                String name = external ? e.getKey() : projectName + "_" + e.getKey();
                resource = resource.with("name", YamlScalar.of(name, resource.location()));
            }
            out.put(e.getKey(), resource);
        }
        if (out.isEmpty()) {
            return file.without(section);
        }
        return file.with(section, entries.withEntries(out));
    }
}
