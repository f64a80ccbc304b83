package io.jcompose.planner.reconcile;

import io.jcompose.model.DependsOn.Condition;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.model.ServiceVolume;
import io.jcompose.planner.graph.DependencyGraph;
import io.jcompose.planner.graph.ServiceGraph;
import io.jcompose.planner.labels.ComposeLabels;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedImage;
import io.jcompose.planner.observed.ObservedNetwork;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.observed.ObservedVolume;
import io.jcompose.planner.plan.Operation;
import io.jcompose.planner.plan.Operation.BuildImage;
import io.jcompose.planner.plan.Operation.ConnectNetwork;
import io.jcompose.planner.plan.Operation.CreateContainer;
import io.jcompose.planner.plan.Operation.CreateNetwork;
import io.jcompose.planner.plan.Operation.CreateVolume;
import io.jcompose.planner.plan.Operation.DisconnectNetwork;
import io.jcompose.planner.plan.Operation.KillContainer;
import io.jcompose.planner.plan.Operation.PullImage;
import io.jcompose.planner.plan.Operation.RemoveContainer;
import io.jcompose.planner.plan.Operation.RemoveImage;
import io.jcompose.planner.plan.Operation.RemoveNetwork;
import io.jcompose.planner.plan.Operation.RemoveVolume;
import io.jcompose.planner.plan.Operation.RenameContainer;
import io.jcompose.planner.plan.Operation.StartContainer;
import io.jcompose.planner.plan.Operation.StopContainer;
import io.jcompose.planner.plan.Operation.WaitForCondition;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.plan.PlanNode;
import io.jcompose.planner.plan.PlanText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A strict fake backend: plays a plan's nodes in a random order that respects only the plan's own edges, and fails
 * on any action whose preconditions do not hold (a name taken, a network in use, a dependency not running...).
 * If a plan passes here in every order, no action of it runs before what it needs.
 */
final class Simulator {

    private final Project project;
    private final DependencyGraph<String> graph;
    private final Map<String, ObservedContainer> containers = new LinkedHashMap<>();
    private final Map<String, ObservedNetwork> networks = new LinkedHashMap<>();
    private final Map<String, ObservedVolume> volumes = new LinkedHashMap<>();
    private final Map<String, ObservedImage> images = new LinkedHashMap<>();
    private int counter;

    Simulator(Project project, ObservedState state) {
        this.project = project;
        this.graph = ServiceGraph.of(project);
        state.containers().forEach(c -> containers.put(c.id(), c));
        state.networks().forEach(n -> networks.put(n.name(), n));
        state.volumes().forEach(v -> volumes.put(v.name(), v));
        state.images().forEach(i -> images.put(i.id(), i));
    }

    /** Plays the plan in a random order allowed by its edges; returns what the backend then holds. */
    static ObservedState play(Project project, ObservedState state, Plan plan, Random random) {
        Simulator sim = new Simulator(project, state);
        Set<Integer> done = new HashSet<>();
        List<PlanNode> pending = new ArrayList<>(plan.nodes());
        while (!pending.isEmpty()) {
            List<PlanNode> ready = pending.stream().filter(n -> done.containsAll(n.dependsOn())).toList();
            PlanNode next = ready.get(random.nextInt(ready.size()));
            try {
                sim.apply(next.op());
            } catch (IllegalStateException e) {
                throw new AssertionError(PlanText.line(next) + ": " + e.getMessage() + "\nin plan\n" + plan, e);
            }
            done.add(next.id());
            pending.remove(next);
        }
        return sim.state();
    }

    ObservedState state() {
        return new ObservedState(List.copyOf(containers.values()), List.copyOf(networks.values()),
                List.copyOf(volumes.values()), List.copyOf(images.values()));
    }

    void apply(Operation op) {
        switch (op) {
            case CreateNetwork c -> {
                check(!networks.containsKey(c.network().name()), "network name taken");
                networks.put(c.network().name(), new ObservedNetwork(freshId("net"), c.network().name(),
                        ComposeLabels.network(project.name(), c.network(), "test")));
            }
            case RemoveNetwork r -> {
                ObservedNetwork n = require(networks.get(r.name()), "no such network");
                check(containers.values().stream().noneMatch(c -> c.networks().containsValue(n.id())),
                        "network in use");
                networks.remove(r.name());
            }
            case ConnectNetwork c -> {
                ObservedContainer ctr = byName(c.container());
                ObservedNetwork n = require(networks.get(c.network()), "no such network");
                Map<String, String> nets = new LinkedHashMap<>(ctr.networks());
                check(nets.put(n.name(), n.id()) == null, "already connected");
                replace(ctr, ctr.state(), ctr.name(), nets);
            }
            case DisconnectNetwork d -> {
                ObservedContainer ctr = byName(d.container());
                Map<String, String> nets = new LinkedHashMap<>(ctr.networks());
                check(nets.remove(d.network()) != null, "not connected");
                replace(ctr, ctr.state(), ctr.name(), nets);
            }
            case CreateVolume c -> {
                check(!volumes.containsKey(c.volume().name()), "volume name taken");
                volumes.put(c.volume().name(), new ObservedVolume(c.volume().name(), "local",
                        ComposeLabels.volume(project.name(), c.volume(), "test")));
            }
            case RemoveVolume r -> {
                require(volumes.get(r.name()), "no such volume");
                check(containers.values().stream().noneMatch(c -> c.volumes().contains(r.name())), "volume in use");
                volumes.remove(r.name());
            }
            case PullImage p -> images.putIfAbsent("sha256:" + p.image(),
                    new ObservedImage("sha256:" + p.image(), List.of(p.image()), Map.of()));
            case BuildImage b -> images.putIfAbsent("sha256:" + b.image(), new ObservedImage("sha256:" + b.image(),
                    List.of(b.image()), Map.of(ComposeLabels.PROJECT, project.name(), ComposeLabels.SERVICE,
                    b.service())));
            case RemoveImage r -> {
                ObservedImage i = require(state().image(r.image()).orElse(null), "no such image");
                check(containers.values().stream().noneMatch(c -> c.imageId().equals(i.id())), "image in use");
                images.remove(i.id());
            }
            case CreateContainer c -> create(c);
            case StartContainer s -> start(byName(s.name()));
            case StopContainer s -> {
                ObservedContainer c = require(containers.get(s.id()), "no such container");
                check(c.isUp(), "not running");
                replace(c, ContainerState.EXITED, c.name(), c.networks());
            }
            case KillContainer k -> {
                ObservedContainer c = require(containers.get(k.id()), "no such container");
                check(c.isUp(), "not running");
                replace(c, ContainerState.EXITED, c.name(), c.networks());
            }
            case RemoveContainer r -> {
                ObservedContainer c = require(containers.get(r.id()), "no such container");
                check(!c.isUp(), "still running");
                containers.remove(r.id());
            }
            case RenameContainer r -> {
                ObservedContainer c = byName(r.from());
                check(findByName(r.to()).isEmpty(), "name " + r.to() + " taken");
                replace(c, c.state(), r.to(), c.networks());
            }
            case WaitForCondition w -> w.containers().forEach(name -> check(byName(name).state()
                    == ContainerState.RUNNING, name + " is not running"));
        }
    }

    private void create(CreateContainer c) {
        Service s = c.service();
        check(findByName(c.name()).isEmpty(), "name " + c.name() + " taken");
        String image = ImageStage.imageOf(project.name(), s);
        ObservedImage local = require(state().image(image).orElse(null), "image " + image + " missing");
        Map<String, String> nets = new LinkedHashMap<>();
        for (String key : s.networks().keySet()) {
            String name = project.networks().get(key).name();
            nets.put(name, require(networks.get(name), "network " + name + " missing").id());
        }
        List<String> mounts = new ArrayList<>();
        for (ServiceVolume v : s.volumes()) {
            v.source().filter(src -> v.type().equals("volume")).ifPresent(src -> {
                String name = project.volumes().get(src).name();
                mounts.add(require(volumes.get(name), "volume " + name + " missing").name());
            });
        }
        graph.dependenciesOf(s.name()).forEach((dep, edge) -> {
            if (edge.sharesContainer()) {
                check(containers.values().stream().anyMatch(o -> o.belongsTo(project.name())
                        && o.service().filter(dep::equals).isPresent() && !o.oneOff()), "shared " + dep + " missing");
            }
        });
        String id = freshId("cid");
        Map<String, String> labels = ComposeLabels.container(project, s, c.number(), Optional.of(local.id()),
                c.replaces(), "test");
        containers.put(id, new ObservedContainer(id, c.name(), labels, ContainerState.CREATED, 0, Health.NONE,
                local.id(), image, nets, mounts));
    }

    private void start(ObservedContainer c) {
        check(!c.isUp(), c.name() + " already running");
        String service = c.service().orElseThrow();
        if (project.services().containsKey(service)) {
            graph.dependenciesOf(service).forEach((dep, edge) -> {
                List<ObservedContainer> deps = containers.values().stream().filter(o -> o.belongsTo(project.name())
                        && !o.oneOff() && o.service().filter(dep::equals).isPresent()).toList();
                // a container of the dependency may be on its way out (scale down), so one running is enough
                boolean needed = edge.condition() != Condition.SERVICE_COMPLETED_SUCCESSFULLY && edge.required()
                        && project.services().get(dep).replicas() > 0;
                check(!needed || deps.stream().anyMatch(ObservedContainer::isUp), "starts before " + dep);
            });
        }
        check(c.networks().values().stream().allMatch(id -> networks.values().stream()
                .anyMatch(n -> n.id().equals(id))), c.name() + " is on a network that is gone");
        replace(c, ContainerState.RUNNING, c.name(), c.networks());
    }

    /** An id no object has, even one an earlier simulation created. */
    private String freshId(String prefix) {
        while (true) {
            String id = prefix + "%09d".formatted(++counter);
            if (!containers.containsKey(id) && networks.values().stream().noneMatch(n -> n.id().equals(id))) {
                return id;
            }
        }
    }

    private void replace(ObservedContainer c, ContainerState state, String name, Map<String, String> nets) {
        containers.put(c.id(), new ObservedContainer(c.id(), name, c.labels(), state, 0, c.health(), c.imageId(),
                c.imageName(), nets, c.volumes()));
    }

    private Optional<ObservedContainer> findByName(String name) {
        return containers.values().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private ObservedContainer byName(String name) {
        return require(findByName(name).orElse(null), "no container " + name);
    }

    private static <T> T require(T value, String message) {
        check(value != null, message);
        return value;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
