package io.jcompose.model.validate;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.ReferenceException;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.Map;
import java.util.Set;

/**
 * Checks that every name a service uses exists: services it depends on, links to, shares a network or volumes with;
 * networks, volumes, secrets and configs it mounts; and that it has an image or a build. All problems at once.
 */
public final class References {

    private References() {
    }

    /** {@code disabled} are services defined but switched off by profiles: depending on one has its own message. */
    public static void check(YamlMap file, Set<String> disabled) {
        Problems problems = new Problems();
        YamlMap services = map(file, "services");
        for (Map.Entry<String, YamlNode> e : services.entries().entrySet()) {
            if (e.getValue() instanceof YamlMap service) {
                checkService(e.getKey(), service, file, services.entries().keySet(), disabled, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new ReferenceException(problems.list());
        }
    }

    private static YamlMap map(YamlMap file, String key) {
        return file.get(key).orElse(null) instanceof YamlMap m ? m : YamlMap.empty(file.location());
    }

    private static void checkService(String name, YamlMap service, YamlMap file, Set<String> services,
                                     Set<String> disabled, Problems problems) {
        KeyPath path = KeyPath.of("services", name);
        if (!service.has("image") && !service.has("build")) {
            problems.add(service.location(), path, "has neither an image nor a build context (add image: or build:)");
        }
        Set<String> reported = sharedNamespaces(service, path, services, disabled, problems);
        if (service.get("depends_on").orElse(null) instanceof YamlMap deps) {
            for (String dep : deps.entries().keySet()) {
                if (reported.contains(dep)) {
                    continue;
                }
                boolean required = !(deps.entries().get(dep) instanceof YamlMap d
                        && d.get("required").orElse(null) instanceof YamlScalar r && Boolean.FALSE.equals(r.value()));
                if (disabled.contains(dep) && required) {
                    problems.add(deps.keyLocation(dep), path.child("depends_on").child(dep), "service \"" + dep
                            + "\" is needed but not enabled by the active profiles (add --profile for it)");
                } else if (!services.contains(dep) && !disabled.contains(dep)) {
                    problems.add(deps.keyLocation(dep), path.child("depends_on").child(dep),
                            "depends on undefined service \"" + dep + "\"");
                }
            }
        }
        if (service.get("networks").orElse(null) instanceof YamlMap nets) {
            YamlMap declared = map(file, "networks");
            for (String net : nets.entries().keySet()) {
                if (!declared.has(net) && !net.equals("default")) {
                    problems.add(nets.keyLocation(net), path.child("networks").child(net),
                            "refers to undefined network \"" + net + "\" (declare it under the top-level networks:)");
                }
            }
        }
        if (service.get("volumes").orElse(null) instanceof YamlList vols) {
            YamlMap declared = map(file, "volumes");
            for (int i = 0; i < vols.size(); i++) {
                if (vols.items().get(i) instanceof YamlMap v && text(v, "type").equals("volume")
                        && !text(v, "source").isEmpty() && !declared.has(text(v, "source"))) {
                    problems.add(v.location(), path.child("volumes").index(i), "refers to undefined volume \""
                            + text(v, "source") + "\" (declare it under the top-level volumes:)");
                }
            }
        }
        for (String kind : new String[] {"secrets", "configs"}) {
            if (service.get(kind).orElse(null) instanceof YamlList refs) {
                YamlMap declared = map(file, kind);
                for (int i = 0; i < refs.size(); i++) {
                    if (refs.items().get(i) instanceof YamlMap ref && !declared.has(text(ref, "source"))) {
                        problems.add(ref.location(), path.child(kind).index(i), "refers to undefined "
                                + kind.substring(0, kind.length() - 1) + " \"" + text(ref, "source") + "\"");
                    }
                }
            }
        }
        buildSecrets(service, file, path, problems);
    }

    /**
     * links, volumes_from and {@code service:} namespaces name services too; an unknown one is reported where it
     * was written (the dependency normalisation implies is then not reported again).
     */
    private static Set<String> sharedNamespaces(YamlMap service, KeyPath path, Set<String> services,
                                                Set<String> disabled, Problems problems) {
        Set<String> reported = new java.util.HashSet<>();
        for (String key : new String[] {"links", "volumes_from"}) {
            if (service.get(key).orElse(null) instanceof YamlList refs) {
                for (int i = 0; i < refs.size(); i++) {
                    if (refs.items().get(i) instanceof YamlScalar ref && !ref.text().startsWith("container:")) {
                        String[] parts = ref.text().split(":", -1);
                        String name = key.equals("links") && parts.length != 2 ? ref.text() : parts[0];
                        unknownService(name, ref, path.child(key).index(i), services, disabled, problems, reported);
                    }
                }
            }
        }
        for (String key : new String[] {"network_mode", "ipc", "pid", "uts"}) {
            if (service.get(key).orElse(null) instanceof YamlScalar ref && ref.text().startsWith("service:")) {
                unknownService(ref.text().substring("service:".length()), ref, path.child(key), services,
                        disabled, problems, reported);
            }
        }
        return reported;
    }

    private static void unknownService(String name, YamlScalar ref, KeyPath at, Set<String> services,
                                       Set<String> disabled, Problems problems, Set<String> reported) {
        if (!services.contains(name) && !disabled.contains(name) && reported.add(name)) {
            problems.add(ref.location(), at, "refers to undefined service \"" + name + "\"");
        }
    }

    private static void buildSecrets(YamlMap service, YamlMap file, KeyPath path, Problems problems) {
        if (service.get("build").orElse(null) instanceof YamlMap build
                && build.get("secrets").orElse(null) instanceof YamlList refs) {
            YamlMap declared = map(file, "secrets");
            for (int i = 0; i < refs.size(); i++) {
                if (refs.items().get(i) instanceof YamlMap ref && !declared.has(text(ref, "source"))) {
                    problems.add(ref.location(), path.child("build").child("secrets").index(i),
                            "refers to undefined secret \"" + text(ref, "source") + "\"");
                }
            }
        }
    }

    private static String text(YamlMap map, String key) {
        return map.get(key).orElse(null) instanceof YamlScalar s && !s.isNull() ? s.text() : "";
    }
}
