package io.jcompose.planner.graph;

import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.planner.PlanException;
import io.jcompose.planner.graph.Edge.Via;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dependency graph of a project's services, from depends_on, links, {@code network_mode: service:x},
 * volumes_from and {@code ipc}/{@code pid: service:x}. A dependency that is not required and not there is dropped,
 * as docker compose drops it; a required one that is missing or disabled is an error.
 */
public final class ServiceGraph {

    private static final String SERVICE_PREFIX = "service:";

    private ServiceGraph() {
    }

    public static DependencyGraph<String> of(Project project) {
        DependencyGraph.Builder<String> b = DependencyGraph.builder();
        project.services().keySet().forEach(b::node);
        for (String name : new TreeSet<>(project.services().keySet())) {
            edges(project.services().get(name)).forEach((to, edge) -> {
                if (project.services().containsKey(to)) {
                    b.edge(name, to, edge);
                } else if (edge.required()) {
                    throw missing(project, name, to);
                }
            });
        }
        return b.build().requireAcyclic();
    }

    /** Every service {@code service} needs, with the merged reasons for each. */
    public static Map<String, Edge> edges(Service service) {
        Map<String, Edge> out = new TreeMap<>();
        service.dependsOn().forEach((to, dep) -> out.merge(to, Edge.of(dep), Edge::merge));
        // docker compose restarts a service with the one it links to or shares a namespace with, not with volumes_from
        for (String link : service.links()) {
            out.merge(link.split(":", 2)[0], Edge.started(Via.LINKS, true), Edge::merge);
        }
        serviceRef(service.networkMode()).ifPresent(to -> out.merge(to, Edge.started(Via.NETWORK_MODE, true),
                Edge::merge));
        serviceRef(service.ipc()).ifPresent(to -> out.merge(to, Edge.started(Via.IPC, true), Edge::merge));
        serviceRef(service.pid()).ifPresent(to -> out.merge(to, Edge.started(Via.PID, true), Edge::merge));
        for (String from : service.volumesFrom()) {
            if (!from.startsWith("container:")) {
                out.merge(from.split(":", 2)[0], Edge.started(Via.VOLUMES_FROM, false), Edge::merge);
            }
        }
        return out;
    }

    private static Optional<String> serviceRef(Optional<String> mode) {
        return mode.filter(m -> m.startsWith(SERVICE_PREFIX)).map(m -> m.substring(SERVICE_PREFIX.length()));
    }

    private static PlanException missing(Project project, String from, String to) {
        Service disabled = project.disabledServices().get(to);
        if (disabled != null) {
            return new PlanException("service \"" + to + "\" is required by \"" + from
                    + "\" but is disabled (enable it with one of the profiles " + disabled.profiles() + ")");
        }
        return new PlanException("service \"" + from + "\" depends on undefined service \"" + to + "\"");
    }
}
