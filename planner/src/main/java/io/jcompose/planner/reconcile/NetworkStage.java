package io.jcompose.planner.reconcile;

import io.jcompose.model.Network;
import io.jcompose.model.ServiceNetwork;
import io.jcompose.planner.labels.ResourceHash;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedNetwork;
import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation.ConnectNetwork;
import io.jcompose.planner.plan.Operation.CreateNetwork;
import io.jcompose.planner.plan.Operation.DisconnectNetwork;
import io.jcompose.planner.plan.Operation.RemoveNetwork;
import io.jcompose.planner.plan.Operation.StartContainer;
import io.jcompose.planner.plan.PlanNode;
import io.jcompose.planner.plan.ResourceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Networks of an {@code up}: create the missing ones; recreate those whose config-hash diverged, moving the
 * containers attached to them across (stop, disconnect, remove, create, connect) rather than recreating them, as
 * docker compose does. External networks are never touched.
 */
final class NetworkStage {

    private final UpContext ctx;
    private final List<ObservedContainer> moved = new ArrayList<>();

    NetworkStage(UpContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        List<String> diverged = new ArrayList<>();
        for (String key : used()) {
            Network desired = ctx.project.networks().get(key);
            if (desired != null && desired.external() && ctx.observed.network(key, desired.name()).isEmpty()) {
                throw new io.jcompose.planner.PlanException("network " + desired.name() + " declared as external,"
                        + " but could not be found (create it first, e.g. jcompose network create "
                        + desired.name() + ")");
            }
            if (desired == null || desired.external()) {
                continue;
            }
            Optional<ObservedNetwork> seen = ctx.observed.network(key, desired.name());
            if (seen.isEmpty()) {
                ctx.networkNodes.put(key, ctx.plan.add(ResourceId.network(key), new CreateNetwork(desired),
                        Cause.MISSING));
                ctx.missingNetworks.add(key);
                continue;
            }
            ObservedNetwork network = seen.get();
            if (!network.belongsTo(ctx.project.name())) {
                ctx.plan.warn("network \"" + network.name() + "\" exists but was not created for project \""
                        + ctx.project.name() + "\"; it is used as it is (declare it external: true to say so)");
            } else if (network.configHash().filter(h -> !h.equals(ResourceHash.of(desired))).isPresent()) {
                diverged.add(key);
                continue;
            }
            ctx.networks.put(key, network);
        }
        diverged.forEach(this::recreate);
        restartUnselected();
    }

    /** Containers outside the selection get no start stage, so those it stopped come back up here. */
    private void restartUnselected() {
        if (ctx.options.noStart()) {
            return;
        }
        for (ObservedContainer c : moved) {
            if (c.isUp() && !ctx.selected.contains(c.service().orElseThrow())) {
                ctx.plan.add(ProjectObjects.resource(c), new StartContainer(c.name()), Cause.NETWORK_CHANGED,
                        ctx.connectNodes.get(c.id()));
            }
        }
    }

    private SortedSet<String> used() {
        SortedSet<String> keys = new TreeSet<>();
        ctx.infra.forEach(s -> keys.addAll(ctx.view(s).networks().keySet()));
        return keys;
    }

    private void recreate(String key) {
        Network desired = ctx.project.networks().get(key);
        ObservedNetwork old = ctx.observed.network(key, desired.name()).orElseThrow();
        List<ObservedContainer> attached = attached(key);
        attached.stream().filter(c -> moved.stream().noneMatch(m -> m.id().equals(c.id()))).forEach(moved::add);
        List<PlanNode> disconnects = new ArrayList<>();
        for (ObservedContainer c : attached) {
            List<PlanNode> stop = ctx.stopOnce(c, Cause.NETWORK_CHANGED, List.of()).stream().toList();
            disconnects.add(ctx.plan.add(ProjectObjects.resource(c), new DisconnectNetwork(c.name(), old.name()),
                    Cause.NETWORK_CHANGED, stop));
        }
        // a renamed network does not clash with the old one, so creating it need not wait for the removal
        boolean renamed = !old.name().equals(desired.name());
        PlanNode remove = ctx.plan.add(ResourceId.network(key), new RemoveNetwork(old.name()),
                Cause.CONFIG_HASH_CHANGED, disconnects);
        PlanNode create = ctx.plan.add(ResourceId.network(key), new CreateNetwork(desired),
                Cause.CONFIG_HASH_CHANGED, renamed ? List.of() : List.of(remove));
        ctx.networkNodes.put(key, create);
        ctx.recreatedNetworks.add(key);
        for (int i = 0; i < attached.size(); i++) {
            ObservedContainer c = attached.get(i);
            String service = c.service().orElseThrow();
            ServiceNetwork settings = ctx.view(service).networks().get(key);
            List<PlanNode> deps = renamed ? List.of(create, disconnects.get(i)) : List.of(create);
            PlanNode connect = ctx.plan.add(ProjectObjects.resource(c),
                    new ConnectNetwork(c.name(), desired.name(), service, settings), Cause.NETWORK_CHANGED, deps);
            ctx.connectNodes.computeIfAbsent(c.id(), id -> new ArrayList<>()).add(connect);
        }
    }

    /** The containers of every service of the project that uses the network, selected or not. */
    private List<ObservedContainer> attached(String key) {
        List<ObservedContainer> out = new ArrayList<>();
        for (String name : new TreeSet<>(ctx.project.services().keySet())) {
            if (ctx.view(name).networks().containsKey(key)) {
                out.addAll(ctx.containers(name));
            }
        }
        return out;
    }
}
