package io.jcompose.planner.graph;

import io.jcompose.model.DependsOn;
import java.util.EnumSet;
import java.util.Set;

/**
 * Why one service needs another: what to wait for, whether the other must exist, whether to restart with it, and
 * which attributes (depends_on, links, network_mode, volumes_from, ipc, pid) made the edge.
 */
public record Edge(DependsOn.Condition condition, boolean required, boolean restart, Set<Via> via) {

    /** The attribute an edge comes from. */
    public enum Via {
        DEPENDS_ON, LINKS, NETWORK_MODE, VOLUMES_FROM, IPC, PID
    }

    public Edge {
        via = via.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(via));
    }

    /** A plain "start after" edge, as links and shared namespaces imply. */
    public static Edge started(Via via, boolean restart) {
        return new Edge(DependsOn.Condition.SERVICE_STARTED, true, restart, Set.of(via));
    }

    public static Edge of(DependsOn dependsOn) {
        return new Edge(dependsOn.condition(), dependsOn.required(), dependsOn.restart(), Set.of(Via.DEPENDS_ON));
    }

    /**
     * Two reasons for the same edge. An explicit depends_on keeps its condition and flags (docker compose only adds
     * the implied entry when none is declared); otherwise the stronger of each wins.
     */
    public Edge merge(Edge other) {
        EnumSet<Via> all = EnumSet.noneOf(Via.class);
        all.addAll(via);
        all.addAll(other.via);
        if (via.contains(Via.DEPENDS_ON)) {
            return new Edge(condition, required, restart, all);
        }
        if (other.via.contains(Via.DEPENDS_ON)) {
            return new Edge(other.condition, other.required, other.restart, all);
        }
        return new Edge(condition, required || other.required, restart || other.restart, all);
    }

    /** The dependent uses the dependency's container itself (its network, ipc or pid namespace, its volumes). */
    public boolean sharesContainer() {
        return via.contains(Via.NETWORK_MODE) || via.contains(Via.IPC) || via.contains(Via.PID)
                || via.contains(Via.VOLUMES_FROM);
    }
}
