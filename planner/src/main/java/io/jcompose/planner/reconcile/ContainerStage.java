package io.jcompose.planner.reconcile;

import io.jcompose.model.Service;
import io.jcompose.planner.labels.ComposeNames;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation.CreateContainer;
import io.jcompose.planner.plan.Operation.RemoveContainer;
import io.jcompose.planner.plan.Operation.RenameContainer;
import io.jcompose.planner.plan.PlanNode;
import io.jcompose.planner.plan.ResourceId;
import io.jcompose.planner.reconcile.RecreateRules.ServiceFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The containers of an {@code up}, service by service in dependency order: scale down (outdated containers first,
 * then the highest numbers), recreate what diverged under its own number through a temporary name, keep the rest,
 * and scale up from the highest number + 1.
 */
final class ContainerStage {

    private final UpContext ctx;
    private final RecreateRules rules;

    ContainerStage(UpContext ctx) {
        this.ctx = ctx;
        this.rules = new RecreateRules(ctx);
    }

    void run() {
        for (String name : ctx.order) {
            if (ctx.selected.contains(name)) {
                converge(name);
            }
        }
    }

    private void converge(String name) {
        List<ObservedContainer> existing = new ArrayList<>(ctx.containers(name));
        ServiceFacts facts = rules.facts(name, !existing.isEmpty());
        Map<String, Optional<Cause>> verdicts = new HashMap<>();
        existing.forEach(c -> verdicts.put(c.id(), rules.mustRecreate(name, facts, c)));
        // up-to-date ones first by number, then outdated ones by number: the tail beyond the scale goes
        existing.sort(Comparator.comparing((ObservedContainer c) -> verdicts.get(c.id()).isPresent())
                .thenComparingInt(c -> c.number().orElse(0)).thenComparing(ObservedContainer::name));
        int expected = ctx.scale(name);
        List<PlanNode> infra = ctx.infraDeps(name);
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < existing.size(); i++) {
            ObservedContainer c = existing.get(i);
            Optional<Cause> verdict = verdicts.get(c.id());
            if (i >= expected) {
                scaleDown(name, c);
            } else if (verdict.isPresent()) {
                replicas.add(recreate(name, c, verdict.get(), infra));
                ctx.recreatedServices.add(name);
            } else {
                replicas.add(keep(c));
            }
        }
        int next = existing.stream().mapToInt(c -> c.number().orElse(0)).max().orElse(0) + 1;
        Cause cause = ctx.volumeRecreatedServices.contains(name) ? Cause.VOLUME_CHANGED : Cause.MISSING;
        for (int n = next; n < next + expected - existing.size(); n++) {
            replicas.add(create(name, n, cause, infra));
        }
        ctx.replicas.put(name, replicas);
    }

    private void scaleDown(String name, ObservedContainer c) {
        List<PlanNode> deps = new ArrayList<>(ctx.stopOnce(c, Cause.SCALE_DOWN, List.of()).stream().toList());
        deps.addAll(ctx.connectNodes.getOrDefault(c.id(), List.of()));
        ctx.addServiceNode(name, ctx.plan.add(ProjectObjects.resource(c),
                new RemoveContainer(c.id(), c.name(), false), Cause.SCALE_DOWN, deps));
    }

    private Replica keep(ObservedContainer c) {
        PlanNode stopped = ctx.stoppedByPlan.get(c.id());
        List<PlanNode> ready = new ArrayList<>();
        Optional.ofNullable(stopped).ifPresent(ready::add);
        ready.addAll(ctx.connectNodes.getOrDefault(c.id(), List.of()));
        Optional<Cause> start = stopped != null ? Optional.of(stopped.cause())
                : c.isUp() ? Optional.empty() : Optional.of(Cause.NOT_RUNNING);
        return new Replica(ProjectObjects.resource(c), c.name(), ready, start);
    }

    private Replica create(String name, int number, Cause cause, List<PlanNode> infra) {
        Service service = ctx.service(name);
        String containerName = ComposeNames.container(ctx.project.name(), service, number);
        ResourceId resource = ResourceId.container(name, number);
        PlanNode node = ctx.plan.add(resource, new CreateContainer(service, containerName, OptionalInt.of(number),
                Optional.empty(), false), cause, infra);
        ctx.addServiceNode(name, node);
        return new Replica(resource, containerName, List.of(node), Optional.of(cause));
    }

    /**
     * Create the replacement under a temporary name, stop and remove the old one, then rename: if anything fails
     * before the removal, the old container is still there.
     */
    private Replica recreate(String name, ObservedContainer old, Cause cause, List<PlanNode> infra) {
        Service service = ctx.service(name);
        int number = old.number().orElse(1);
        ResourceId resource = ResourceId.container(name, number);
        String finalName = ComposeNames.container(ctx.project.name(), service, number);
        String temporary = ComposeNames.temporary(old.id(), finalName);
        List<PlanNode> deps = new ArrayList<>(infra);
        deps.addAll(stopDependents(name));
        PlanNode create = ctx.plan.add(resource, new CreateContainer(service, temporary, OptionalInt.of(number),
                Optional.of(old.id()), !ctx.options.renewAnonVolumes()), cause, deps);
        List<PlanNode> removeDeps = new ArrayList<>(List.of(create));
        ctx.stopOnce(old, Cause.REPLACED, List.of(create)).ifPresent(removeDeps::add);
        removeDeps.addAll(ctx.connectNodes.getOrDefault(old.id(), List.of()));
        PlanNode remove = ctx.plan.add(resource, new RemoveContainer(old.id(), old.name(), true), Cause.REPLACED,
                removeDeps);
        PlanNode rename = ctx.plan.add(resource, new RenameContainer(temporary, finalName), Cause.REPLACED, remove);
        List.of(create, remove, rename).forEach(n -> ctx.addServiceNode(name, n));
        return new Replica(resource, finalName, List.of(rename), Optional.of(cause));
    }

    /** Services that depend on this one with {@code restart: true} stop before it is replaced, start after. */
    private List<PlanNode> stopDependents(String name) {
        List<PlanNode> stops = new ArrayList<>();
        for (String dependent : ctx.graph.dependentsOf(name)) {
            boolean restart = ctx.graph.edge(dependent, name).map(e -> e.restart()).orElse(false);
            if (restart && ctx.selected.contains(dependent)) {
                for (ObservedContainer c : ctx.containers(dependent)) {
                    ctx.stopOnce(c, Cause.DEPENDENCY_RECREATED, List.of()).ifPresent(stops::add);
                }
            }
        }
        return stops;
    }
}
