package io.jcompose.planner.reconcile;

import io.jcompose.planner.PlanException;
import io.jcompose.planner.graph.DependencyGraph;
import io.jcompose.planner.graph.Edge;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation.KillContainer;
import io.jcompose.planner.plan.Operation.RemoveContainer;
import io.jcompose.planner.plan.Operation.StartContainer;
import io.jcompose.planner.plan.Operation.StopContainer;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.plan.PlanBuilder;
import io.jcompose.planner.plan.PlanNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/** {@code stop}, {@code start}, {@code restart}, {@code rm} and {@code kill} on the containers a project has. */
final class LifecyclePlanner {

    private final ProjectShape shape;
    private final ProjectObjects objects;
    private final PlanBuilder plan = new PlanBuilder();

    private LifecyclePlanner(ProjectShape shape, ObservedState state) {
        this.shape = shape;
        this.objects = shape.objects(state);
    }

    /** Named services and their dependents, in reverse dependency order; running containers only. */
    static Plan stop(ProjectShape shape, ObservedState state, StopOptions options) {
        LifecyclePlanner p = new LifecyclePlanner(shape, state);
        SortedSet<String> selected = options.services().isEmpty() ? shape.enabled()
                : shape.graph().withDependents(options.services());
        p.stopInOrder(shape.graph().subgraph(selected), options.timeout());
        return p.plan.build();
    }

    /** Named services and their dependencies, in dependency order, waiting for conditions. */
    static Plan start(ProjectShape shape, ObservedState state, StartOptions options) {
        LifecyclePlanner p = new LifecyclePlanner(shape, state);
        SortedSet<String> selected = options.services().isEmpty() ? shape.enabled()
                : shape.graph().withDependencies(options.services());
        p.startInOrder(shape.graph().subgraph(selected), false, Optional.empty());
        return p.plan.build();
    }

    /** Named services and, unless no-deps, those depending on them with {@code restart: true}. */
    static Plan restart(ProjectShape shape, ObservedState state, RestartOptions options) {
        LifecyclePlanner p = new LifecyclePlanner(shape, state);
        DependencyGraph<String> graph = shape.graph().filterEdges(Edge::restart);
        SortedSet<String> selected = options.services().isEmpty() ? shape.enabled()
                : options.noDeps() ? graph.select(options.services(), true) : graph.withDependents(options.services());
        p.startInOrder(graph.subgraph(selected), true, options.timeout());
        return p.plan.build();
    }

    /** Stopped containers of the named services; running ones too, stopped first, with {@code --stop}. */
    static Plan rm(ProjectShape shape, ObservedState state, RmOptions options) {
        LifecyclePlanner p = new LifecyclePlanner(shape, state);
        SortedSet<String> selected = shape.graph().select(options.services(), true);
        Map<String, PlanNode> stops = options.stop()
                ? p.stopInOrder(shape.graph().subgraph(selected), Optional.empty()) : Map.of();
        for (String service : selected) {
            for (ObservedContainer c : p.objects.containers(service)) {
                if (!c.isUp() || stops.containsKey(c.id())) {
                    p.plan.add(ProjectObjects.resource(c), new RemoveContainer(c.id(), c.name(), options.volumes()),
                            Cause.REQUESTED, Optional.ofNullable(stops.get(c.id())).stream().toList());
                }
            }
        }
        return p.plan.build();
    }

    /** Running containers of the named services (one-offs included), and orphans with {@code --remove-orphans}. */
    static Plan kill(ProjectShape shape, ObservedState state, KillOptions options) {
        LifecyclePlanner p = new LifecyclePlanner(shape, state);
        SortedSet<String> selected = shape.graph().select(options.services(), true);
        for (ObservedContainer c : p.objects.all()) {
            boolean ours = selected.contains(c.service().orElse("")) && shape.services().containsKey(
                    c.service().orElse(""));
            boolean orphan = options.removeOrphans() && !shape.services().containsKey(c.service().orElse(""));
            if (c.isUp() && (ours || orphan)) {
                p.plan.add(ProjectObjects.resource(c), new KillContainer(c.id(), c.name(), options.signal()),
                        ours ? Cause.REQUESTED : Cause.ORPHAN);
            }
        }
        return p.plan.build();
    }

    /** Stops dependents first; returns the stop node of each container id. */
    private Map<String, PlanNode> stopInOrder(DependencyGraph<String> graph, Optional<Duration> timeout) {
        Map<String, PlanNode> byContainer = new HashMap<>();
        Map<String, List<PlanNode>> done = new HashMap<>();
        for (String service : graph.stopOrder()) {
            List<PlanNode> after = collect(graph.dependentsOf(service), done);
            List<PlanNode> mine = new ArrayList<>();
            for (ObservedContainer c : objects.containers(service)) {
                if (c.isUp()) {
                    PlanNode stop = plan.add(ProjectObjects.resource(c), new StopContainer(c.id(), c.name(),
                            timeout.or(() -> grace(service))), Cause.REQUESTED, after);
                    mine.add(stop);
                    byContainer.put(c.id(), stop);
                }
            }
            done.put(service, mine.isEmpty() ? after : mine);
        }
        return byContainer;
    }

    /** Starts (or, with {@code restart}, stops then starts) in dependency order, gated by conditions. */
    private void startInOrder(DependencyGraph<String> graph, boolean restart, Optional<Duration> timeout) {
        Gates gates = new Gates(plan, graph, graph.nodes(), s -> objects.containers(s).stream()
                .map(ObservedContainer::name).toList());
        for (String service : graph.startOrder()) {
            List<ObservedContainer> containers = objects.containers(service);
            if (containers.isEmpty() && shape.services().get(service).replicas() > 0 && !restart) {
                throw new PlanException("service \"" + service + "\" has no container to start");
            }
            List<PlanNode> before = gates.before(service);
            List<PlanNode> starts = new ArrayList<>();
            for (ObservedContainer c : containers) {
                List<PlanNode> deps = new ArrayList<>(before);
                if (restart && c.isUp()) {
                    deps.add(plan.add(ProjectObjects.resource(c), new StopContainer(c.id(), c.name(),
                            timeout.or(() -> grace(service))), Cause.REQUESTED, before));
                } else if (!restart && c.isUp()) {
                    continue;
                }
                starts.add(plan.add(ProjectObjects.resource(c), new StartContainer(c.name()), Cause.REQUESTED,
                        deps));
            }
            gates.started(service, starts);
        }
    }

    private Optional<Duration> grace(String service) {
        return Optional.ofNullable(shape.services().get(service)).flatMap(ProjectShape.ServiceShape::stopGracePeriod);
    }

    private static List<PlanNode> collect(Collection<String> services, Map<String, List<PlanNode>> done) {
        List<PlanNode> out = new ArrayList<>();
        services.forEach(s -> out.addAll(done.getOrDefault(s, List.of())));
        return out;
    }
}
