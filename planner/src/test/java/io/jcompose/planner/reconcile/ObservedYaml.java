package io.jcompose.planner.reconcile;

import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.model.hash.ConfigHash;
import io.jcompose.model.yaml.YamlReader;
import io.jcompose.planner.labels.ComposeLabels;
import io.jcompose.planner.labels.ResourceHash;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedImage;
import io.jcompose.planner.observed.ObservedNetwork;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.observed.ObservedVolume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the {@code observed.yaml} of a golden case. Shortcuts keep cases short: a container names its
 * {@code service} and {@code number} and gets the labels docker compose would have written for the current model;
 * {@code config_hash: stale} or {@code image_digest: stale} makes it diverge; networks name the networks it is on.
 */
final class ObservedYaml {

    private final Optional<Project> project;
    private final String projectName;

    private ObservedYaml(Optional<Project> project, String projectName) {
        this.project = project;
        this.projectName = projectName;
    }

    static ObservedState parse(String text, Optional<Project> project, String projectName) {
        Object plain = YamlReader.read(text, "observed.yaml").toPlain();
        Map<String, Object> root = plain instanceof Map<?, ?> m ? cast(m) : Map.of();
        ObservedYaml reader = new ObservedYaml(project, projectName);
        List<ObservedNetwork> networks = list(root, "networks").stream().map(reader::network).toList();
        List<ObservedVolume> volumes = list(root, "volumes").stream().map(reader::volume).toList();
        List<ObservedImage> images = list(root, "images").stream().map(ObservedYaml::image).toList();
        List<ObservedContainer> containers = list(root, "containers").stream()
                .map(c -> reader.container(c, networks, images)).toList();
        return new ObservedState(containers, networks, volumes, images);
    }

    private ObservedContainer container(Map<String, Object> c, List<ObservedNetwork> networks,
                                        List<ObservedImage> images) {
        String project = str(c, "project", projectName);
        Optional<String> service = Optional.ofNullable((String) c.get("service"));
        boolean oneOff = Boolean.TRUE.equals(c.get("oneoff"));
        String number = str(c, "number", "1");
        String name = str(c, "name", oneOff ? project + "-" + service.orElseThrow() + "-run-" + str(c, "id", "x")
                : project + "-" + service.orElse("x") + "-" + number);
        Optional<Service> model = project.equals(projectName) ? service.flatMap(s -> this.project
                .flatMap(p -> Optional.ofNullable(p.services().get(s)))) : Optional.empty();
        String imageName = str(c, "image", model.flatMap(Service::image).orElse(projectName + "-"
                + service.orElse("x")));
        String imageId = str(c, "image_id", images.stream().filter(i -> i.hasTag(imageName)).map(ObservedImage::id)
                .findFirst().orElse("sha256:" + imageName));
        Map<String, String> labels = new TreeMap<>();
        if (service.isPresent()) {
            labels.put(ComposeLabels.PROJECT, project);
            labels.put(ComposeLabels.SERVICE, service.get());
            labels.put(ComposeLabels.ONEOFF, oneOff ? ComposeLabels.TRUE : ComposeLabels.FALSE);
            if (!oneOff) {
                labels.put(ComposeLabels.CONTAINER_NUMBER, number);
            }
            String hash = str(c, "config_hash", "current");
            labels.put(ComposeLabels.CONFIG_HASH, hash.equals("current")
                    ? model.map(ConfigHash::of).orElse("none") : hash);
            labels.put(ComposeLabels.IMAGE, str(c, "image_digest", imageId));
            model.ifPresent(s -> labels.put(ComposeLabels.DEPENDS_ON, ComposeLabels.dependsOn(s)));
        }
        labels.putAll(strings(c, "labels"));
        Map<String, String> attached = new LinkedHashMap<>();
        for (Object n : (List<?>) c.getOrDefault("networks", defaultNetworks(model, project))) {
            String netName = n.toString();
            attached.put(netName, networks.stream().filter(x -> x.name().equals(netName)).map(ObservedNetwork::id)
                    .findFirst().orElse("gone-" + netName));
        }
        List<String> mounts = ((List<?>) c.getOrDefault("volumes", defaultVolumes(model, project))).stream()
                .map(Object::toString).toList();
        return new ObservedContainer(str(c, "id", "id-" + name), name, labels,
                ContainerState.parse(str(c, "state", "running")), Integer.parseInt(str(c, "exit_code", "0")),
                Health.parse(str(c, "health", "none")), imageId, imageName, attached, mounts);
    }

    /** By default a container is on its service's networks, as the model names them. */
    private List<String> defaultNetworks(Optional<Service> model, String project) {
        return model.map(s -> s.networks().keySet().stream().map(k -> this.project.map(p -> p.networks().get(k))
                .map(n -> n.name()).orElse(project + "_" + k)).toList()).orElse(List.of());
    }

    private List<String> defaultVolumes(Optional<Service> model, String project) {
        return model.map(s -> s.volumes().stream().filter(v -> v.type().equals("volume") && v.source().isPresent())
                .map(v -> this.project.map(p -> p.volumes().get(v.source().get())).map(x -> x.name())
                        .orElse(project + "_" + v.source().get())).toList()).orElse(List.of());
    }

    private ObservedNetwork network(Map<String, Object> n) {
        String project = str(n, "project", projectName);
        String key = str(n, "key", "default");
        String name = str(n, "name", project + "_" + key);
        Map<String, String> labels = new TreeMap<>();
        if (!Boolean.TRUE.equals(n.get("unlabelled"))) {
            labels.put(ComposeLabels.PROJECT, project);
            labels.put(ComposeLabels.NETWORK, key);
            String hash = str(n, "config_hash", "current");
            labels.put(ComposeLabels.CONFIG_HASH, hash.equals("current") ? this.project
                    .filter(p -> project.equals(projectName)).map(p -> p.networks().get(key))
                    .map(ResourceHash::of).orElse("none") : hash);
        }
        return new ObservedNetwork(str(n, "id", "net-" + name), name, labels);
    }

    private ObservedVolume volume(Map<String, Object> v) {
        String project = str(v, "project", projectName);
        String key = str(v, "key", "data");
        String name = str(v, "name", project + "_" + key);
        Map<String, String> labels = new TreeMap<>();
        if (!Boolean.TRUE.equals(v.get("unlabelled"))) {
            labels.put(ComposeLabels.PROJECT, project);
            labels.put(ComposeLabels.VOLUME, key);
            String hash = str(v, "config_hash", "current");
            labels.put(ComposeLabels.CONFIG_HASH, hash.equals("current") ? this.project
                    .filter(p -> project.equals(projectName)).map(p -> p.volumes().get(key))
                    .map(ResourceHash::of).orElse("none") : hash);
        }
        return new ObservedVolume(name, "local", labels);
    }

    private static ObservedImage image(Map<String, Object> i) {
        List<String> tags = ((List<?>) i.getOrDefault("tags", List.of())).stream().map(Object::toString).toList();
        return new ObservedImage(str(i, "id", "sha256:" + tags.getFirst()), tags, strings(i, "labels"));
    }

    private static String str(Map<String, Object> map, String key, String fallback) {
        Object v = map.get(key);
        return v == null ? fallback : v.toString();
    }

    private static Map<String, String> strings(Map<String, Object> map, String key) {
        Map<String, String> out = new TreeMap<>();
        if (map.get(key) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(k.toString(), String.valueOf(v)));
        }
        return out;
    }

    private static List<Map<String, Object>> list(Map<String, Object> root, String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (root.get(key) instanceof List<?> l) {
            l.forEach(item -> out.add(cast((Map<?, ?>) item)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
