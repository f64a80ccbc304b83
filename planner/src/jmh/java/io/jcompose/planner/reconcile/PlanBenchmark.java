package io.jcompose.planner.reconcile;

import io.jcompose.model.Attributes;
import io.jcompose.model.Network;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.planner.graph.ServiceGraph;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Plan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Graph and plan for a large project with random dependencies: from nothing (every object created), and a second
 * {@code up} on the converged state (nothing to do, everything compared). Target: under 20 ms for 1,000 services.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlanBenchmark {

    @Param("1000")
    int services;

    Project project;
    ObservedState converged;

    @Setup(Level.Trial)
    public void setUp() {
        project = project(services, new Random(42));
        Plan fresh = Reconciler.up(project, ObservedState.empty(), UpOptions.defaults());
        converged = Simulator.play(project, ObservedState.empty(), fresh, new Random(42));
    }

    /** Up to three random dependencies on earlier services, random conditions, two networks, some replicas. */
    static Project project(int size, Random r) {
        List<String> conditions = List.of("service_started", "service_healthy", "service_completed_successfully");
        Map<String, Service> out = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            Map<String, Object> deps = new LinkedHashMap<>();
            for (int d = 0; i > 0 && d < r.nextInt(4); d++) {
                deps.put("s" + r.nextInt(i), Map.of("condition", conditions.get(r.nextInt(3)), "restart",
                        r.nextBoolean(), "required", true));
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("image", "img" + r.nextInt(20) + ":1");
            a.put("networks", r.nextBoolean() ? Map.of("default", Map.of()) : Map.of("back", Map.of()));
            a.put("environment", Map.of("INDEX", Integer.toString(i)));
            a.put("deploy", Map.of("replicas", (long) 1 + r.nextInt(2)));
            if (!deps.isEmpty()) {
                a.put("depends_on", deps);
            }
            out.put("s" + i, new Service("s" + i, Attributes.of(a)));
        }
        Map<String, Network> networks = Map.of(
                "default", new Network("default", Attributes.of(Map.of("name", "big_default"))),
                "back", new Network("back", Attributes.of(Map.of("name", "big_back"))));
        return new Project("big", Path.of("/big"), List.of(), List.of(), out, networks, Map.of(), Map.of(),
                Map.of(), Map.of(), Map.of(), Attributes.of(Map.of()));
    }

    @Benchmark
    public Object graph() {
        return ServiceGraph.of(project).layers();
    }

    @Benchmark
    public Plan upFromNothing() {
        return Reconciler.up(project, ObservedState.empty(), UpOptions.defaults());
    }

    @Benchmark
    public Plan upConverged() {
        return Reconciler.up(project, converged, UpOptions.defaults());
    }

    @Benchmark
    public Plan downConverged() {
        return Reconciler.down(project, converged, DownOptions.defaults().withVolumes(true));
    }
}
