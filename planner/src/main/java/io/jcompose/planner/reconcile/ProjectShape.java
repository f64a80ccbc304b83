package io.jcompose.planner.reconcile;

import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.planner.graph.DependencyGraph;
import io.jcompose.planner.graph.Edge;
import io.jcompose.planner.graph.ServiceGraph;
import io.jcompose.planner.labels.ComposeLabels;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedNetwork;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.observed.ObservedVolume;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code down}, {@code stop}, {@code start}, {@code restart}, {@code rm} and {@code kill} need to know of a
 * project: its services and their dependencies, its networks and volumes. It comes from the model, or, like
 * {@code docker compose down -p name} does without a compose file, from the labels of what the backend holds.
 */
public record ProjectShape(String name, DependencyGraph<String> graph, SortedMap<String, ServiceShape> services,
                           SortedMap<String, ResourceShape> networks, SortedMap<String, ResourceShape> volumes) {

    /** A service: whether its profile is active, the image it names, whether it builds, its scale, its stop grace. */
    public record ServiceShape(String name, boolean enabled, Optional<String> image, boolean builds, int replicas,
                               Optional<Duration> stopGracePeriod) {
    }

    /** A network or a volume: compose key, backend name, and whether it is external (never removed). */
    public record ResourceShape(String key, String name, boolean external) {
    }

    public ProjectShape {
        services = Collections.unmodifiableSortedMap(new TreeMap<>(services));
        networks = Collections.unmodifiableSortedMap(new TreeMap<>(networks));
        volumes = Collections.unmodifiableSortedMap(new TreeMap<>(volumes));
    }

    /** The shape of a loaded project; services disabled by profiles are known (their containers are no orphans). */
    public static ProjectShape of(Project project) {
        SortedMap<String, ServiceShape> services = new TreeMap<>();
        project.services().forEach((n, s) -> services.put(n, shape(s, true)));
        project.disabledServices().forEach((n, s) -> services.put(n, shape(s, false)));
        DependencyGraph.Builder<String> graph = DependencyGraph.builder();
        services.keySet().forEach(graph::node);
        Map<String, Service> all = new TreeMap<>(project.disabledServices());
        all.putAll(project.services());
        all.forEach((n, s) -> ServiceGraph.edges(s).forEach((to, edge) -> {
            if (services.containsKey(to)) {
                graph.edge(n, to, edge);
            }
        }));
        SortedMap<String, ResourceShape> networks = new TreeMap<>();
        project.networks().forEach((k, v) -> networks.put(k, new ResourceShape(k, v.name(), v.external())));
        SortedMap<String, ResourceShape> volumes = new TreeMap<>();
        project.volumes().forEach((k, v) -> volumes.put(k, new ResourceShape(k, v.name(), v.external())));
        return new ProjectShape(project.name(), graph.build().requireAcyclic(), services, networks, volumes);
    }

    private static ServiceShape shape(Service s, boolean enabled) {
        return new ServiceShape(s.name(), enabled, s.image(), s.build().isPresent(), s.replicas(),
                s.stopGracePeriod());
    }

    /** The shape the labels of a project's containers, networks and volumes describe. */
    public static ProjectShape fromLabels(String project, ObservedState state) {
        SortedMap<String, ServiceShape> services = new TreeMap<>();
        SortedMap<String, String> dependsOn = new TreeMap<>();
        for (ObservedContainer c : state.containersOf(project)) {
            if (c.oneOff() || c.service().isEmpty()) {
                continue;
            }
            String service = c.service().get();
            ServiceShape seen = services.get(service);
            services.put(service, new ServiceShape(service, true, Optional.of(c.imageName()), false,
                    seen == null ? 1 : seen.replicas() + 1, Optional.empty()));
            dependsOn.putIfAbsent(service, c.label(ComposeLabels.DEPENDS_ON).orElse(""));
        }
        DependencyGraph.Builder<String> graph = DependencyGraph.builder();
        services.keySet().forEach(graph::node);
        dependsOn.forEach((service, label) -> ComposeLabels.parseDependsOn(label).forEach((to, dep) -> {
            if (services.containsKey(to)) {
                graph.edge(service, to, Edge.of(dep));
            }
        }));
        SortedMap<String, ResourceShape> networks = new TreeMap<>();
        for (ObservedNetwork n : state.networks()) {
            if (n.belongsTo(project)) {
                // a leftover sharing a key with another network is still the project's: keep both, by name
                String key = n.key().filter(k -> !networks.containsKey(k)).orElse(n.name());
                networks.put(key, new ResourceShape(key, n.name(), false));
            }
        }
        SortedMap<String, ResourceShape> volumes = new TreeMap<>();
        for (ObservedVolume v : state.volumes()) {
            if (v.belongsTo(project)) {
                String key = v.key().filter(k -> !volumes.containsKey(k)).orElse(v.name());
                volumes.put(key, new ResourceShape(key, v.name(), false));
            }
        }
        return new ProjectShape(project, graph.build().requireAcyclic(), services, networks, volumes);
    }

    /** The services an empty selection means: those whose profiles are active. */
    public SortedSet<String> enabled() {
        SortedSet<String> out = new TreeSet<>();
        services.values().stream().filter(ServiceShape::enabled).forEach(s -> out.add(s.name()));
        return out;
    }

    ProjectObjects objects(ObservedState state) {
        return ProjectObjects.of(name, services.keySet(), state);
    }
}
