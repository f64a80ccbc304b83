package io.jcompose.planner.labels;

import io.jcompose.model.DependsOn;
import io.jcompose.model.Network;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.model.Volume;
import io.jcompose.planner.graph.ServiceGraph;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The labels through which a project's state lives on the backend's objects, with docker compose's exact keys, and
 * the label sets both backends put on what they create. Defined once so that the engine writes what the planner reads.
 */
public final class ComposeLabels {

    public static final String PREFIX = "com.docker.compose.";
    public static final String PROJECT = PREFIX + "project";
    public static final String SERVICE = PREFIX + "service";
    public static final String CONTAINER_NUMBER = PREFIX + "container-number";
    public static final String ONEOFF = PREFIX + "oneoff";
    public static final String SLUG = PREFIX + "slug";
    public static final String CONFIG_HASH = PREFIX + "config-hash";
    public static final String DEPENDS_ON = PREFIX + "depends_on";
    public static final String IMAGE = PREFIX + "image";
    public static final String WORKING_DIR = PREFIX + "project.working_dir";
    public static final String CONFIG_FILES = PREFIX + "project.config_files";
    public static final String ENVIRONMENT_FILE = PREFIX + "project.environment_file";
    public static final String VERSION = PREFIX + "version";
    public static final String REPLACE = PREFIX + "replace";
    public static final String NETWORK = PREFIX + "network";
    public static final String VOLUME = PREFIX + "volume";

    /** How docker compose writes booleans in {@link #ONEOFF}. */
    public static final String TRUE = "True";
    public static final String FALSE = "False";

    private ComposeLabels() {
    }

    /** What a new container carries; {@code number} is empty for a one-off, which docker compose does not number. */
    public static Map<String, String> container(Project project, Service service, OptionalInt number,
                                                Optional<String> imageDigest, Optional<String> replaces,
                                                String version) {
        Map<String, String> labels = new TreeMap<>(service.labels());
        labels.put(PROJECT, project.name());
        labels.put(SERVICE, service.name());
        number.ifPresent(n -> labels.put(CONTAINER_NUMBER, Integer.toString(n)));
        labels.put(ONEOFF, number.isPresent() ? FALSE : TRUE);
        labels.put(CONFIG_HASH, io.jcompose.model.hash.ConfigHash.of(service));
        labels.put(DEPENDS_ON, dependsOn(service));
        imageDigest.ifPresent(d -> labels.put(IMAGE, d));
        // String.valueOf keeps java.nio.file out of the planner's dependencies (it touches no file)
        labels.put(WORKING_DIR, String.valueOf(project.workingDir()));
        labels.put(CONFIG_FILES, join(project.configFiles()));
        if (!project.envFiles().isEmpty()) {
            labels.put(ENVIRONMENT_FILE, join(project.envFiles()));
        }
        labels.put(VERSION, version);
        replaces.ifPresent(id -> labels.put(REPLACE, id));
        return Collections.unmodifiableMap(labels);
    }

    public static Map<String, String> network(String project, Network network, String version) {
        Map<String, String> labels = new TreeMap<>(network.labels());
        labels.put(PROJECT, project);
        labels.put(NETWORK, network.key());
        labels.put(CONFIG_HASH, ResourceHash.of(network));
        labels.put(VERSION, version);
        return Collections.unmodifiableMap(labels);
    }

    public static Map<String, String> volume(String project, Volume volume, String version) {
        Map<String, String> labels = new TreeMap<>(volume.labels());
        labels.put(PROJECT, project);
        labels.put(VOLUME, volume.key());
        labels.put(CONFIG_HASH, ResourceHash.of(volume));
        labels.put(VERSION, version);
        return Collections.unmodifiableMap(labels);
    }

    /**
     * The {@link #DEPENDS_ON} value: {@code name:condition:restart} for each dependency (implied ones included),
     * comma-separated, sorted by name so the label is stable.
     */
    public static String dependsOn(Service service) {
        StringJoiner out = new StringJoiner(",");
        ServiceGraph.edges(service).forEach((name, edge) ->
                out.add(name + ":" + edge.condition().text() + ":" + edge.restart()));
        return out.toString();
    }

    /**
     * Reads a {@link #DEPENDS_ON} value back, for plans made from labels alone. As docker compose does there, every
     * dependency is optional, a missing restart flag means true, and a missing or unknown condition means started.
     */
    public static Map<String, DependsOn> parseDependsOn(String label) {
        Map<String, DependsOn> out = new LinkedHashMap<>();
        if (label == null || label.isBlank()) {
            return out;
        }
        for (String entry : label.split(",")) {
            String[] parts = entry.strip().split(":");
            if (parts[0].isEmpty()) {
                continue;
            }
            DependsOn.Condition condition = parts.length > 1 ? condition(parts[1])
                    : DependsOn.Condition.SERVICE_STARTED;
            boolean restart = parts.length <= 2 || Boolean.parseBoolean(parts[2]);
            out.put(parts[0], new DependsOn(condition, restart, false));
        }
        return out;
    }

    private static DependsOn.Condition condition(String text) {
        for (DependsOn.Condition c : DependsOn.Condition.values()) {
            if (c.text().equals(text.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return DependsOn.Condition.SERVICE_STARTED;
    }

    private static String join(List<?> paths) {
        return String.join(",", paths.stream().map(String::valueOf).toList());
    }
}
