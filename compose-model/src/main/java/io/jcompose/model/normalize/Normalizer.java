package io.jcompose.model.normalize;

import io.jcompose.model.canonical.GoPaths;
import io.jcompose.model.canonical.KeyValues;
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
        boolean noNetworks = !out.has("networks")
                || out.get("networks").orElse(null) instanceof YamlMap nets && nets.entries().isEmpty();
        if (!out.has("network_mode") && !out.has("provider") && noNetworks) {
            out = out.with("networks", YamlMap.builder(out.location())
                    .put("default", YamlScalar.of(null, out.location())).build());
        }
        out = impliedDependencies(out);
        out = cleanVolumeTargets(out);
        if (out.get("extra_hosts").orElse(null) instanceof YamlList hosts) {
            out = out.with("extra_hosts", KeyValues.sorted(hosts));
        }
        if (out.get("pull_policy").orElse(null) instanceof YamlScalar p && p.text().equals("if_not_present")) {
            out = out.with("pull_policy", p.withValue("missing"));
        }
        return withoutEmpty(out);
    }

    /**
     * Empty lists and mappings say nothing, and docker compose leaves them out ({@code environment: []}); only an
     * empty {@code command}/{@code entrypoint} (clear the image's) and the attributes that are structures of their
     * own ({@code healthcheck: {}}) are kept.
     */
    private static YamlMap withoutEmpty(YamlMap service) {
        return service.mapValues((key, value) -> KEEP_WHEN_EMPTY.contains(key) || key.startsWith("x-")
                || !isEmpty(value) ? value : null);
    }

    private static boolean isEmpty(YamlNode value) {
        return value instanceof YamlMap m && m.entries().isEmpty() || value instanceof YamlList l && l.size() == 0;
    }

    private static final Set<String> KEEP_WHEN_EMPTY = Set.of("command", "entrypoint", "build", "deploy",
            "healthcheck", "logging", "blkio_config", "credential_spec", "develop", "provider");

    /** Mount targets in their shortest form ({@code /data/} is {@code /data}), as compose normalises them. */
    private static YamlMap cleanVolumeTargets(YamlMap service) {
        if (!(service.get("volumes").orElse(null) instanceof YamlList volumes)) {
            return service;
        }
        return service.with("volumes", volumes.mapItems((i, v) -> v instanceof YamlMap m
                && m.get("target").orElse(null) instanceof YamlScalar t && t.isString()
                ? m.with("target", t.withValue(GoPaths.clean(t.text()))) : v));
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
        if (out.get("args").orElse(null) instanceof YamlMap args) {
            // a bare ARG takes the shell's value, and is left out when the shell has none
            out = out.with("args", args.mapValues((name, value) -> value instanceof YamlScalar s && s.isNull()
                    ? lookup.apply(name).map(v -> (YamlNode) s.withValue(v)).orElse(null) : value));
        }
        return service.with("build", out);
    }

    /**
     * links, {@code network_mode}/{@code ipc}/{@code pid}/{@code uts: service:x} and {@code volumes_from: x} mean
     * x must start first; the first two also restart this service with x, as in compose-go.
     */
    private static YamlMap impliedDependencies(YamlMap service) {
        Map<String, Boolean> implied = new LinkedHashMap<>();
        if (service.get("links").orElse(null) instanceof YamlList links) {
            for (YamlNode l : links.items()) {
                String[] parts = ((YamlScalar) l).text().split(":", -1);
                implied.putIfAbsent(parts.length == 2 ? parts[0] : ((YamlScalar) l).text(), true);
            }
        }
        for (String namespace : new String[] {"network_mode", "ipc", "pid", "uts", "cgroup"}) {
            if (service.get(namespace).orElse(null) instanceof YamlScalar mode && mode.text().startsWith("service:")) {
                implied.putIfAbsent(mode.text().substring("service:".length()), true);
            }
        }
        if (service.get("volumes_from").orElse(null) instanceof YamlList from) {
            for (YamlNode f : from.items()) {
                String text = ((YamlScalar) f).text();
                if (!text.startsWith("container:")) {
                    implied.putIfAbsent(text.split(":")[0], false);
                }
            }
        }
        if (implied.isEmpty()) {
            return service;
        }
        YamlMap deps = service.get("depends_on").orElse(null) instanceof YamlMap m ? m
                : YamlMap.empty(service.location());
        for (Map.Entry<String, Boolean> dep : implied.entrySet()) {
            if (!deps.has(dep.getKey())) {
                SourceLocation at = service.location();
                YamlMap entry = YamlMap.empty(at).with("condition", YamlScalar.of("service_started", at));
                if (dep.getValue()) {
                    entry = entry.with("restart", YamlScalar.of(true, at));
                }
                deps = deps.with(dep.getKey(), entry.with("required", YamlScalar.of(true, at)));
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
