package io.jcompose.planner.reconcile;

import io.jcompose.model.Attributes;
import io.jcompose.model.Network;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.model.Volume;
import io.jcompose.planner.labels.ComposeLabels;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedImage;
import io.jcompose.planner.observed.ObservedNetwork;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.observed.ObservedVolume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random acyclic projects (services only depend on services generated before them) and random observed states:
 * what an earlier version of the project left behind, then disturbed (containers stopped or gone, orphans, stale
 * one-offs), next to another project's objects that must never be touched.
 */
final class Scenarios {

    static final String PROJECT = "p";
    static final String OTHER = "other";
    private static final List<String> IMAGES = List.of("nginx:1", "redis:7", "postgres:16");
    private static final List<String> CONDITIONS = List.of("service_started", "service_healthy",
            "service_completed_successfully");

    private Scenarios() {
    }

    /** A project of {@code size} services; {@code version} changes some services, their scale, a network. */
    static Project project(String name, long seed, int size, int version) {
        Random r = random(seed, 1);
        int[] replicas = new int[size];
        int[] parent = new int[size];
        for (int i = 0; i < size; i++) {
            replicas[i] = r.nextInt(4);
            parent[i] = -1;
            if (i > 0 && r.nextInt(6) == 0) {
                int candidate = r.nextInt(i);
                if (replicas[candidate] > 0 && parent[candidate] < 0) {
                    parent[i] = candidate; // shares the network namespace of a service that has a container
                }
            }
        }
        Map<String, Service> services = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("image", IMAGES.get(r.nextInt(IMAGES.size())));
            Map<String, Object> deps = new LinkedHashMap<>();
            for (int j = 0; j < i; j++) {
                if (r.nextInt(4) == 0) {
                    deps.put("s" + j, Map.of("condition", CONDITIONS.get(r.nextInt(3)), "restart", r.nextBoolean(),
                            "required", true));
                }
            }
            if (parent[i] >= 0) {
                a.put("network_mode", "service:s" + parent[i]);
                deps.putIfAbsent("s" + parent[i], Map.of("condition", "service_started", "restart", true,
                        "required", true));
            } else {
                a.put("networks", r.nextBoolean() ? Map.of("default", Map.of()) : Map.of("default", Map.of(),
                        "back", Map.of()));
            }
            if (!deps.isEmpty()) {
                a.put("depends_on", deps);
            }
            if (r.nextInt(3) == 0) {
                a.put("volumes", List.of(Map.of("type", "volume", "source", "data", "target", "/data")));
            }
            // a new version changes the configuration of some services (so their config-hash) and some scales
            int change = random(seed, 100 + i).nextInt(3);
            boolean isParent = false;
            for (int p : parent) {
                isParent |= p == i;
            }
            int scale = change == 1 && !isParent ? (replicas[i] + version) % 4 : replicas[i];
            a.put("deploy", Map.of("replicas", (long) scale));
            a.put("environment", Map.of("VERSION", Integer.toString(change == 0 ? version : 0)));
            services.put("s" + i, new Service("s" + i, Attributes.of(a)));
        }
        Map<String, Network> networks = new TreeMap<>();
        for (String key : List.of("default", "back")) {
            Map<String, Object> a = new LinkedHashMap<>(Map.of("name", name + "_" + key));
            if (key.equals("back") && version % 2 == 1) {
                a.put("internal", true);
            }
            networks.put(key, new Network(key, Attributes.of(a)));
        }
        Map<String, Volume> volumes = Map.of("data", new Volume("data", Attributes.of(Map.of("name",
                name + "_data"))));
        return new Project(name, Path.of("/work/" + name), List.of(Path.of("/work/" + name + "/compose.yaml")),
                List.of(), services, networks, volumes, Map.of(), Map.of(), Map.of(), Map.of(),
                Attributes.of(Map.of()));
    }

    /**
     * What the backend holds: an earlier version of the project brought up, then disturbed, plus another project's
     * objects.
     */
    static ObservedState observed(Project current, long seed, int size) {
        Random r = random(seed, 2);
        ObservedState state = ObservedState.empty();
        if (r.nextInt(4) != 0) {
            Project earlier = project(PROJECT, seed, size, r.nextInt(3));
            state = Simulator.play(earlier, state, Reconciler.up(earlier, state, UpOptions.defaults()), r);
        }
        List<ObservedContainer> containers = new ArrayList<>();
        for (ObservedContainer c : state.containers()) {
            switch (r.nextInt(6)) {
                case 0 -> { } // gone
                case 1 -> containers.add(withState(c, ContainerState.EXITED));
                default -> containers.add(c);
            }
        }
        if (r.nextBoolean()) {
            containers.add(container(PROJECT, "retired", "1", false, ContainerState.RUNNING, r));
        }
        if (r.nextBoolean()) {
            containers.add(container(PROJECT, "s0", "", true, ContainerState.EXITED, r));
        }
        containers.add(container(OTHER, "s0", "1", false, ContainerState.RUNNING, r));
        containers.add(container(OTHER, "s1", "", true, ContainerState.EXITED, r));
        List<ObservedNetwork> networks = new ArrayList<>(state.networks());
        networks.add(new ObservedNetwork("other-net", OTHER + "_default", Map.of(ComposeLabels.PROJECT, OTHER,
                ComposeLabels.NETWORK, "default", ComposeLabels.CONFIG_HASH, "x")));
        List<ObservedVolume> volumes = new ArrayList<>(state.volumes());
        volumes.add(new ObservedVolume(OTHER + "_data", "local", Map.of(ComposeLabels.PROJECT, OTHER,
                ComposeLabels.VOLUME, "data", ComposeLabels.CONFIG_HASH, "x")));
        List<ObservedImage> images = new ArrayList<>(state.images());
        if (images.stream().noneMatch(i -> i.hasTag("busybox"))) {
            images.add(new ObservedImage("sha256:busybox", List.of("busybox:latest"), Map.of()));
        }
        return new ObservedState(containers, networks, volumes, images);
    }

    /** Well-mixed randomness even from the tiny seeds shrinking produces. */
    static Random random(long seed, int salt) {
        return new Random(new java.util.SplittableRandom(seed * 1_000_003L + salt).nextLong());
    }

    private static ObservedContainer withState(ObservedContainer c, ContainerState state) {
        return new ObservedContainer(c.id(), c.name(), c.labels(), state, 0, c.health(), c.imageId(), c.imageName(),
                c.networks(), c.volumes());
    }

    private static ObservedContainer container(String project, String service, String number, boolean oneOff,
                                               ContainerState state, Random r) {
        String name = project + "-" + service + "-" + (oneOff ? "run-" + r.nextInt(1000) : number);
        Map<String, String> labels = new TreeMap<>(Map.of(ComposeLabels.PROJECT, project, ComposeLabels.SERVICE,
                service, ComposeLabels.ONEOFF, oneOff ? "True" : "False", ComposeLabels.CONFIG_HASH, "old"));
        if (!oneOff) {
            labels.put(ComposeLabels.CONTAINER_NUMBER, number);
        }
        return new ObservedContainer("id-" + name, name, labels, state, 0, Health.NONE, "sha256:busybox",
                "busybox:latest", Map.of(), List.of());
    }

    /** Whether any object of the other project differs between two states. */
    static boolean otherProjectUnchanged(ObservedState before, ObservedState after) {
        return others(before).equals(others(after));
    }

    private static List<Object> others(ObservedState s) {
        List<Object> out = new ArrayList<>();
        s.containers().stream().filter(c -> c.belongsTo(OTHER)).forEach(out::add);
        s.networks().stream().filter(n -> n.belongsTo(OTHER)).forEach(out::add);
        s.volumes().stream().filter(v -> v.belongsTo(OTHER)).forEach(out::add);
        return out;
    }
}
