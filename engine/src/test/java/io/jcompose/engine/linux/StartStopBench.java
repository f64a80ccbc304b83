package io.jcompose.engine.linux;

import io.jcompose.engine.spi.ContainerOps;
import io.jcompose.engine.spi.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in runtime's start+stop of one container without the JVM's start-up, for bench/linux-bench.sh: opens
 * the backend once (the store that JCOMPOSE_ROOT names), then N times creates, starts, waits for and removes a
 * container running {@code true} of IMAGE, and prints the median of each phase and of the whole, in milliseconds.
 * Not a test (no Test suffix, so surefire leaves it): a main on the test classpath, so that it can use
 * {@link TestHosts#spec}. usage: StartStopBench IMAGE [RUNS] [WARMUP]
 */
public final class StartStopBench {

    private static final String PREFIX = "jcbench-engine-";

    private StartStopBench() {
    }

    public static void main(String[] args) throws Exception {
        String image = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String[] phases = {"create", "start", "wait", "remove", "total"};
        List<long[]> samples = new ArrayList<>();
        try (LinuxBackend backend = LinuxHost.open(System.getenv())) {
            ContainerOps containers = backend.containers();
            // an interrupted run (Ctrl-C, the script's trap) leaves no container behind: the hook removes ours, and
            // the leftovers of a killed one go at the next start
            Runnable removeOurs = () -> backend.linuxContainers().store().list().stream()
                    .filter(r -> r.name().startsWith(PREFIX)).forEach(r -> {
                        try {
                            containers.remove(r.id(), true, true);
                        } catch (RuntimeException e) {
                            System.err.println("cannot remove " + r.name() + ": " + e.getMessage());
                        }
                    });
            removeOurs.run();
            Thread hook = new Thread(removeOurs);
            Runtime.getRuntime().addShutdownHook(hook);
            for (int i = 0; i < warmup + runs; i++) {
                // a name of its own per run and per process: a leftover of an interrupted run never collides
                String name = PREFIX + ProcessHandle.current().pid() + "-" + i;
                ContainerSpec spec = TestHosts.spec(name, image, List.of("true"), Map.of(), List.of(),
                        ContainerSpec.RestartPolicy.NO, Optional.empty());
                long t0 = System.nanoTime();
                String id = containers.create(spec);
                long t1 = System.nanoTime();
                try {
                    containers.start(id);
                    long t2 = System.nanoTime();
                    int exit = containers.waitForExit(id);
                    long t3 = System.nanoTime();
                    if (exit != 0) {
                        throw new IllegalStateException("the container exited with " + exit);
                    }
                    containers.remove(id, false, true);
                    long t4 = System.nanoTime();
                    if (i >= warmup) {
                        samples.add(new long[] {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0});
                    }
                } catch (RuntimeException e) {
                    containers.remove(id, true, true);
                    throw e;
                }
            }
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        StringBuilder line = new StringBuilder("median of " + runs + " runs (ms):");
        for (int p = 0; p < phases.length; p++) {
            final int phase = p;
            double[] ms = samples.stream().mapToDouble(s -> s[phase] / 1e6).sorted().toArray();
            line.append(' ').append(phases[p]).append('=').append(String.format("%.1f", median(ms)));
        }
        System.out.println(line);
        double[] totals = samples.stream().mapToDouble(s -> s[4] / 1e6).sorted().toArray();
        // a machine-readable last line for the script: the median total, then min and max
        System.out.printf("total_ms %.1f %.1f %.1f%n", median(totals), totals[0], totals[totals.length - 1]);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
