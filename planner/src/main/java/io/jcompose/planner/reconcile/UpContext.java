package io.jcompose.planner.reconcile;

import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.planner.PlanException;
import io.jcompose.planner.graph.DependencyGraph;
import io.jcompose.planner.graph.Edge;
import io.jcompose.planner.graph.ServiceGraph;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedNetwork;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation.StopContainer;
import io.jcompose.planner.plan.PlanBuilder;
import io.jcompose.planner.plan.PlanNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the stages of an {@code up} (or {@code run}) plan share: the inputs, the selection, and the nodes each stage
 * leaves for the next, as docker compose's reconciler keeps them.
 */
final class UpContext {

    final Project project;
    final UpOptions options;
    final ProjectObjects observed;
    final DependencyGraph<String> graph;
    /** The graph's start order, computed once. */
    final List<String> order;
    /** Services whose containers converge. */
    final SortedSet<String> selected;
    /** Services whose networks, volumes and images must exist ({@link #selected}, plus a {@code run} service). */
    final SortedSet<String> infra;
    /** Services named on the command line; the others follow {@code recreateDependencies}. */
    final Set<String> targeted;
    final PlanBuilder plan = new PlanBuilder();
    private final Map<String, ServiceView> views = new HashMap<>();

    // looked up by key only, never walked: hash maps
    final Map<String, PlanNode> networkNodes = new HashMap<>();
    final Set<String> missingNetworks = new TreeSet<>();
    final Set<String> recreatedNetworks = new TreeSet<>();
    final Map<String, ObservedNetwork> networks = new TreeMap<>();
    final Map<String, PlanNode> volumeNodes = new HashMap<>();
    final Set<String> missingVolumes = new TreeSet<>();
    /** Compose volume key to the name of the volume containers should mount. */
    final Map<String, String> volumeNames = new TreeMap<>();
    final Map<String, PlanNode> imageNodes = new HashMap<>();
    final Map<String, Optional<String>> imageDigests = new HashMap<>();

    final Map<String, PlanNode> stoppedByPlan = new HashMap<>();
    final Map<String, List<PlanNode>> connectNodes = new HashMap<>();
    final Set<String> removedContainers = new HashSet<>();
    final Map<String, List<PlanNode>> serviceBarriers = new HashMap<>();
    final Set<String> volumeRecreatedServices = new TreeSet<>();
    final Set<String> recreatedServices = new TreeSet<>();
    /** Every node of a service's create part, which what depends on it waits for. */
    final Map<String, List<PlanNode>> serviceNodes = new HashMap<>();
    final Map<String, List<Replica>> replicas = new HashMap<>();

    private UpContext(Project project, ObservedState state, UpOptions options, SortedSet<String> selected,
                      SortedSet<String> infra, Set<String> targeted, DependencyGraph<String> graph) {
        this.project = project;
        this.options = options;
        this.graph = graph;
        this.order = graph.startOrder();
        this.selected = selected;
        this.infra = infra;
        this.targeted = targeted;
        Set<String> known = new TreeSet<>(project.services().keySet());
        known.addAll(project.disabledServices().keySet());
        this.observed = ProjectObjects.of(project.name(), known, state);
        project.services().forEach((name, service) -> views.put(name, ServiceView.of(service)));
        validate();
    }

    static UpContext forUp(Project project, ObservedState state, UpOptions options) {
        DependencyGraph<String> graph = ServiceGraph.of(project);
        SortedSet<String> selected = graph.select(options.services(), options.noDeps());
        Set<String> targeted = options.services().isEmpty() ? selected : Set.copyOf(options.services());
        return new UpContext(project, state, options, selected, selected, targeted, graph);
    }

    /** A {@code run}: dependencies converge and start, the service itself only gets its networks and image. */
    static UpContext forRun(Project project, ObservedState state, UpOptions options, String service) {
        DependencyGraph<String> graph = ServiceGraph.of(project);
        SortedSet<String> infra = graph.select(List.of(service), options.noDeps());
        SortedSet<String> selected = new TreeSet<>(infra);
        selected.remove(service);
        return new UpContext(project, state, options, selected, infra, Set.of(), graph);
    }

    private void validate() {
        for (Map.Entry<String, Integer> e : options.scale().entrySet()) {
            if (!project.services().containsKey(e.getKey())) {
                throw new PlanException("no such service: " + e.getKey());
            }
            if (e.getValue() < 0) {
                throw new PlanException("invalid scale for service \"" + e.getKey() + "\": " + e.getValue());
            }
        }
        for (String name : selected) {
            Service service = service(name);
            if (service.containerName().isPresent() && scale(name) > 1) {
                throw new PlanException("service \"" + name + "\" sets container_name \""
                        + service.containerName().get() + "\" and so cannot have " + scale(name) + " containers");
            }
        }
    }

    Service service(String name) {
        return project.services().get(name);
    }

    ServiceView view(String name) {
        return views.get(name);
    }

    int scale(String name) {
        return options.scale().getOrDefault(name, service(name).replicas());
    }

    Recreate strategy(String service) {
        return targeted.contains(service) ? options.recreate() : options.recreateDependencies();
    }

    Optional<Duration> timeout(String service) {
        return options.timeout().or(() -> view(service).stopGracePeriod());
    }

    /** The service's containers that are still there once earlier stages removed some. */
    List<ObservedContainer> containers(String service) {
        return observed.containers(service).stream().filter(c -> !removedContainers.contains(c.id())).toList();
    }

    /**
     * What a container of {@code service} waits for before it can be created. Duplicates are left for the plan
     * node to drop by id: hashing a node would hash its whole operation, service included.
     */
    List<PlanNode> infraDeps(String service) {
        List<PlanNode> deps = new ArrayList<>();
        ServiceView s = view(service);
        for (String net : s.networks().keySet()) {
            Optional.ofNullable(networkNodes.get(net)).ifPresent(deps::add);
        }
        for (String volume : s.namedVolumes()) {
            Optional.ofNullable(volumeNodes.get(volume)).ifPresent(deps::add);
        }
        Optional.ofNullable(imageNodes.get(service)).ifPresent(deps::add);
        deps.addAll(serviceBarriers.getOrDefault(service, List.of()));
        // only a dependency whose container this one's creation names (network_mode, volumes_from, ipc, pid: its
        // container; links: the daemon resolves them at creation) must exist first; for a plain depends_on the
        // start waits (StartStage) and the creations run side by side
        graph.dependenciesOf(service).forEach((dep, edge) -> {
            if (selected.contains(dep) && (edge.sharesContainer() || edge.via().contains(Edge.Via.LINKS))) {
                deps.addAll(serviceNodes.getOrDefault(dep, List.of()));
            }
        });
        return deps;
    }

    /**
     * Stops a running container once per plan, whichever stage asks first; the later ones chain on that stop.
     * Empty when the container is not running and nothing stopped it.
     */
    Optional<PlanNode> stopOnce(ObservedContainer c, Cause cause, List<PlanNode> deps) {
        PlanNode stopped = stoppedByPlan.get(c.id());
        if (stopped != null || !c.isUp()) {
            return Optional.ofNullable(stopped);
        }
        Optional<Duration> timeout = c.service().filter(project.services()::containsKey).flatMap(this::timeout)
                .or(options::timeout);
        PlanNode node = plan.add(ProjectObjects.resource(c), new StopContainer(c.id(), c.name(), timeout), cause,
                deps);
        stoppedByPlan.put(c.id(), node);
        return Optional.of(node);
    }

    void addServiceNode(String service, PlanNode node) {
        serviceNodes.computeIfAbsent(service, s -> new ArrayList<>()).add(node);
    }
}
