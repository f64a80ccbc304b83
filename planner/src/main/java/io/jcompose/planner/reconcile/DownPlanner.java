package io.jcompose.planner.reconcile;

import io.jcompose.planner.PlanException;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedNetwork;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.observed.ObservedVolume;
import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation.RemoveContainer;
import io.jcompose.planner.plan.Operation.RemoveImage;
import io.jcompose.planner.plan.Operation.RemoveNetwork;
import io.jcompose.planner.plan.Operation.RemoveVolume;
import io.jcompose.planner.plan.Operation.StopContainer;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.plan.PlanBuilder;
import io.jcompose.planner.plan.PlanNode;
import io.jcompose.planner.plan.ResourceId;
import io.jcompose.planner.reconcile.ProjectShape.ResourceShape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * {@code down}: containers in reverse dependency order (a service goes once all its dependents are gone), orphans
 * and one-offs with {@code --remove-orphans}, then the project's networks (never external ones, never one still in
 * use), its volumes with {@code -v}, its images with {@code --rmi}.
 */
final class DownPlanner {

    private final ProjectShape shape;
    private final ProjectObjects objects;
    private final DownOptions options;
    private final PlanBuilder plan = new PlanBuilder();
    private final List<PlanNode> removals = new ArrayList<>();
    private final Set<String> removed = new HashSet<>();

    private DownPlanner(ProjectShape shape, ProjectObjects objects, DownOptions options) {
        this.shape = shape;
        this.objects = objects;
        this.options = options;
    }

    /** @param strict whether naming a service the project lacks is an error (with a model) or ignored (labels) */
    static Plan plan(ProjectShape shape, ObservedState state, DownOptions options,
                     boolean strict) {
        DownPlanner down = new DownPlanner(shape, shape.objects(state), options);
        List<String> named = options.services().stream().filter(s -> {
            if (strict && !shape.services().containsKey(s)) {
                throw new PlanException("no such service: " + s);
            }
            return shape.services().containsKey(s);
        }).toList();
        if (!options.services().isEmpty() && named.isEmpty()) {
            return down.plan.build();
        }
        SortedSet<String> selected = named.isEmpty() ? shape.graph().nodes() : shape.graph().withDependents(named);
        down.containers(selected);
        down.orphans(named.isEmpty() ? shape.graph().nodes() : selected);
        down.networks();
        down.volumes();
        new ImagesToRemove(shape, down.objects, options).references().forEach(down::image);
        return down.plan.build();
    }

    /**
     * Two chains in reverse dependency order: a service stops once its dependents have stopped, and is removed once
     * it has stopped and its dependents are removed. Removals stay off the stops' path: with a chain of N services
     * the last stop no longer waits for N removals.
     */
    private void containers(SortedSet<String> selected) {
        Map<String, List<PlanNode>> stopped = new HashMap<>();
        Map<String, List<PlanNode>> gone = new HashMap<>();
        for (String service : shape.graph().subgraph(selected).stopOrder()) {
            List<PlanNode> afterStops = new ArrayList<>();
            List<PlanNode> afterRemovals = new ArrayList<>();
            shape.graph().dependentsOf(service).forEach(d -> {
                afterStops.addAll(stopped.getOrDefault(d, List.of()));
                afterRemovals.addAll(gone.getOrDefault(d, List.of()));
            });
            List<PlanNode> stops = new ArrayList<>();
            List<PlanNode> removals = new ArrayList<>();
            for (ObservedContainer c : objects.containers(service)) {
                Optional<PlanNode> stop = stop(c, Cause.REQUESTED, afterStops);
                stop.ifPresent(stops::add);
                List<PlanNode> deps = new ArrayList<>(afterRemovals);
                // not running: still not removed before its dependents stopped
                deps.addAll(stop.map(List::of).orElse(afterStops));
                removals.add(remove(c, Cause.REQUESTED, deps, options.volumes()));
            }
            // a service without running containers passes on what it waited for, keeping the order transitive
            stopped.put(service, stops.isEmpty() ? afterStops : stops);
            gone.put(service, removals.isEmpty() ? afterRemovals : removals);
        }
    }

    private void orphans(Set<String> services) {
        if (!options.removeOrphans()) {
            if (!objects.orphans().isEmpty()) {
                plan.warn("found orphan containers (" + String.join(", ", objects.orphans().stream()
                        .map(ObservedContainer::name).toList()) + ") for this project; run with --remove-orphans"
                        + " to remove them");
            }
            return;
        }
        // exited one-offs are orphans too: one removal each
        Map<String, ObservedContainer> extra = new LinkedHashMap<>();
        objects.orphans().forEach(c -> extra.put(c.id(), c));
        objects.oneOffs().stream().filter(c -> services.contains(c.service().orElse("")))
                .forEach(c -> extra.putIfAbsent(c.id(), c));
        for (ObservedContainer c : extra.values()) {
            remove(c, Cause.ORPHAN, stop(c, Cause.ORPHAN, List.of()).stream().toList(), false);
        }
    }

    private Optional<PlanNode> stop(ObservedContainer c, Cause cause, List<PlanNode> after) {
        if (!c.isUp()) {
            return Optional.empty();
        }
        Optional<Duration> timeout = options.timeout().or(() -> c.service()
                .map(shape.services()::get).flatMap(ProjectShape.ServiceShape::stopGracePeriod));
        return Optional.of(plan.add(ProjectObjects.resource(c), new StopContainer(c.id(), c.name(), timeout), cause,
                after));
    }

    private PlanNode remove(ObservedContainer c, Cause cause, List<PlanNode> after, boolean volumes) {
        PlanNode node = plan.add(ProjectObjects.resource(c), new RemoveContainer(c.id(), c.name(), volumes), cause,
                after);
        removals.add(node);
        removed.add(c.id());
        return node;
    }

    private List<ObservedContainer> remaining() {
        return objects.all().stream().filter(c -> !removed.contains(c.id())).toList();
    }

    private void networks() {
        for (ResourceShape net : shape.networks().values()) {
            Optional<ObservedNetwork> seen = objects.network(net.key(), net.name())
                    .filter(n -> n.belongsTo(shape.name()));
            if (net.external() || seen.isEmpty()) {
                continue;
            }
            ObservedNetwork n = seen.get();
            List<String> users = remaining().stream().filter(c -> c.networks().containsKey(n.name())
                    || c.networks().containsValue(n.id())).map(ObservedContainer::name).toList();
            if (!users.isEmpty()) {
                plan.warn("network \"" + n.name() + "\" is kept: still used by " + String.join(", ", users));
                continue;
            }
            plan.add(ResourceId.network(net.key()), new RemoveNetwork(n.name()), Cause.REQUESTED, removals);
        }
    }

    private void volumes() {
        if (!options.volumes()) {
            return;
        }
        for (ResourceShape vol : shape.volumes().values()) {
            Optional<ObservedVolume> seen = objects.volume(vol.key(), vol.name())
                    .filter(v -> v.belongsTo(shape.name()));
            if (vol.external() || seen.isEmpty()) {
                continue;
            }
            String name = seen.get().name();
            List<String> users = remaining().stream().filter(c -> c.volumes().contains(name))
                    .map(ObservedContainer::name).toList();
            if (!users.isEmpty()) {
                plan.warn("volume \"" + name + "\" is kept: still used by " + String.join(", ", users));
                continue;
            }
            plan.add(ResourceId.volume(vol.key()), new RemoveVolume(name), Cause.REQUESTED, removals);
        }
    }

    private void image(String reference) {
        Optional<String> id = objects.image(reference).map(i -> i.id());
        List<String> users = objects.state().containers().stream()
                .filter(c -> !removed.contains(c.id()) && id.filter(c.imageId()::equals).isPresent())
                .map(ObservedContainer::name).toList();
        if (!users.isEmpty()) {
            plan.warn("image \"" + reference + "\" is kept: still used by " + String.join(", ", users));
            return;
        }
        plan.add(ResourceId.image(reference), new RemoveImage(reference), Cause.REQUESTED, removals);
    }
}
