package io.jcompose.model.validate;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules between attributes that a schema cannot express: the mutually exclusive pairs, the one-of-these-is-needed
 * sets and the mounts that collide. {@link #checkResources} is compose-go's {@code validation} (always run);
 * {@link #checkServices} is part of its consistency check (skipped by {@code --no-consistency}).
 */
public final class Consistency {

    private static final List<String> HEALTHCHECK_KINDS = List.of("CMD", "CMD-SHELL", "NONE");

    private Consistency() {
    }

    /** Top-level resources: secrets and configs say where their content comes from; externals take no options. */
    public static void checkResources(YamlMap file) {
        Problems problems = new Problems();
        fileObjects(file, "secrets", List.of("file", "environment"), problems);
        fileObjects(file, "configs", List.of("file", "environment", "content"), problems);
        for (String section : List.of("networks", "volumes")) {
            if (file.get(section).orElse(null) instanceof YamlMap resources) {
                resources.entries().forEach((name, resource) -> external(resource, KeyPath.of(section, name),
                        problems));
            }
        }
        problems.throwIfAny();
    }

    /** Each service's attributes agree with each other. */
    public static void checkServices(YamlMap file) {
        Problems problems = new Problems();
        if (file.get("services").orElse(null) instanceof YamlMap services) {
            services.entries().forEach((name, service) -> {
                if (service instanceof YamlMap s) {
                    service(s, KeyPath.of("services", name), problems);
                }
            });
        }
        problems.throwIfAny();
    }

    private static void fileObjects(YamlMap file, String section, List<String> sources, Problems problems) {
        if (!(file.get(section).orElse(null) instanceof YamlMap objects)) {
            return;
        }
        objects.entries().forEach((name, node) -> {
            if (!(node instanceof YamlMap object)) {
                return;
            }
            List<String> set = sources.stream().filter(object::has).toList();
            KeyPath path = KeyPath.of(section, name);
            if (set.size() > 1) {
                problems.add(object.keyLocation(set.get(1)), path, String.join(", ", set)
                        + " are mutually exclusive (expected one of " + String.join(", ", sources) + ")");
            } else if (set.isEmpty() && !object.has("external") && !object.has("driver")) {
                problems.add(object.location(), path, "has no content (expected one of "
                        + String.join(", ", sources) + ", or external: true)");
            }
        });
    }

    private static void external(YamlNode node, KeyPath path, Problems problems) {
        if (!(node instanceof YamlMap resource) || !(resource.get("external").orElse(null) instanceof YamlScalar x)
                || !Boolean.TRUE.equals(x.value())) {
            return;
        }
        for (String key : resource.entries().keySet()) {
            if (!key.equals("name") && !key.equals("external") && !key.startsWith("x-")) {
                problems.add(resource.keyLocation(key), path.child(key),
                        "conflicts with external: true (an external resource is created outside the project)");
            }
        }
    }

    private static void service(YamlMap service, KeyPath path, Problems problems) {
        if (service.get("build").orElse(null) instanceof YamlMap build && build.has("dockerfile")
                && build.has("dockerfile_inline")) {
            problems.add(build.keyLocation("dockerfile_inline"), path.child("build"),
                    "dockerfile and dockerfile_inline cannot both be set");
        }
        if (service.has("network_mode") && service.get("networks").orElse(null) instanceof YamlMap nets
                && !nets.entries().isEmpty()) {
            problems.add(service.keyLocation("networks"), path.child("networks"),
                    "cannot be used with network_mode (remove one of them)");
        }
        if (service.get("healthcheck").orElse(null) instanceof YamlMap health
                && health.get("test").orElse(null) instanceof YamlList test && !test.items().isEmpty()
                && test.items().getFirst() instanceof YamlScalar kind && !HEALTHCHECK_KINDS.contains(kind.text())) {
            problems.add(kind.location(), path.child("healthcheck").child("test"),
                    "must start with CMD, CMD-SHELL or NONE, found \"" + kind.text() + "\"");
        }
        replicas(service, path, problems);
        mounts(service, path, problems);
    }

    private static void replicas(YamlMap service, KeyPath path, Problems problems) {
        YamlNode scale = service.get("scale").orElse(null);
        YamlNode replicas = service.get("deploy").orElse(null) instanceof YamlMap deploy
                ? deploy.get("replicas").orElse(null) : null;
        for (YamlNode count : new YamlNode[] {scale, replicas}) {
            if (count instanceof YamlScalar s && s.value() instanceof Long n && n < 0) {
                KeyPath at = count == scale ? path.child("scale") : path.child("deploy").child("replicas");
                problems.add(s.location(), at,
                        "must be 0 or more, found " + n);
            }
        }
        YamlNode effective = scale != null ? scale : replicas;
        if (service.has("container_name") && effective instanceof YamlScalar s && s.value() instanceof Long n
                && n > 1) {
            problems.add(s.location(), scale != null ? path.child("scale") : path.child("deploy").child("replicas"),
                    "cannot run " + n + " containers with one container_name (remove one of them)");
        }
        if (scale instanceof YamlScalar sc && replicas instanceof YamlScalar r && !sc.toPlain().equals(r.toPlain())) {
            problems.add(sc.location(), path.child("scale"),
                    "differs from deploy.replicas (" + r.text() + "): set one of them");
        }
    }

    /** Two mounts (tmpfs or volumes) at the same place in the container. */
    private static void mounts(YamlMap service, KeyPath path, Problems problems) {
        Map<String, KeyPath> targets = new HashMap<>();
        if (service.get("tmpfs").orElse(null) instanceof YamlList tmpfs) {
            for (int i = 0; i < tmpfs.size(); i++) {
                if (tmpfs.items().get(i) instanceof YamlScalar t) {
                    targets.putIfAbsent(t.text().split(":", 2)[0], path.child("tmpfs").index(i));
                }
            }
        }
        if (service.get("volumes").orElse(null) instanceof YamlList volumes) {
            for (int i = 0; i < volumes.size(); i++) {
                if (volumes.items().get(i) instanceof YamlMap v
                        && v.get("target").orElse(null) instanceof YamlScalar t) {
                    KeyPath at = path.child("volumes").index(i);
                    KeyPath first = targets.putIfAbsent(t.text(), at);
                    if (first != null) {
                        problems.add(v.location(), at, "target " + t.text() + " is already mounted by " + first);
                    }
                }
            }
        }
    }
}
