package io.jcompose.engine.execute;

import io.jcompose.engine.event.EngineEvent;
import io.jcompose.engine.event.EngineListener;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.plan.PlanNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a plan's DAG: a node starts once every node it depends on has succeeded, at most {@code parallelism} at a
 * time, each on a virtual thread. After the first failure (or an interrupt) nothing new starts; what runs is let
 * finish, so the state left behind is one the next plan can converge. It makes no decisions of its own.
 */
public final class PlanExecutor {

    private final NodeRunner runner;
    private final int parallelism;
    private final EngineListener listener;

    /** Runs one node; throwing fails it. */
    @FunctionalInterface
    public interface NodeRunner {
        void run(PlanNode node) throws Exception;
    }

    public PlanExecutor(NodeRunner runner, int parallelism, EngineListener listener) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.runner = runner;
        this.parallelism = parallelism;
        this.listener = listener;
    }

    private record Done(PlanNode node, Throwable error, Duration took) {
    }

    public ExecutionResult execute(Plan plan) {
        Map<Integer, Integer> waitingOn = new HashMap<>();
        Map<Integer, List<PlanNode>> dependents = new HashMap<>();
        Deque<PlanNode> ready = new ArrayDeque<>();
        for (PlanNode node : plan.nodes()) {
            waitingOn.put(node.id(), node.dependsOn().size());
            for (int dep : node.dependsOn()) {
                dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(node);
            }
            if (node.dependsOn().isEmpty()) {
                ready.add(node);
            }
        }
        List<ExecutionResult.Failure> failures = new ArrayList<>();
        List<PlanNode> succeeded = new ArrayList<>();
        BlockingQueue<Done> completions = new LinkedBlockingQueue<>();
        boolean interrupted = false;
        int running = 0;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            while (true) {
                while (failures.isEmpty() && !interrupted && running < parallelism && !ready.isEmpty()) {
                    PlanNode node = ready.poll();
                    running++;
                    threads.submit(() -> completions.add(runOne(node)));
                }
                if (running == 0) {
                    break;
                }
                Done done;
                try {
                    done = completions.take();
                } catch (InterruptedException e) {
                    // Ctrl-C: start nothing more, and wake what waits (health, exits); a backend call under way
                    // finishes, so what is left is a state the next up or down converges
                    interrupted = true;
                    threads.shutdownNow();
                    continue;
                }
                running--;
                if (done.error() == null) {
                    succeeded.add(done.node());
                    for (PlanNode next : dependents.getOrDefault(done.node().id(), List.of())) {
                        if (waitingOn.merge(next.id(), -1, Integer::sum) == 0) {
                            ready.add(next);
                        }
                    }
                } else {
                    failures.add(new ExecutionResult.Failure(done.node(), done.error()));
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        int skipped = plan.nodes().size() - succeeded.size() - failures.size();
        return new ExecutionResult(succeeded, failures, skipped, interrupted);
    }

    private Done runOne(PlanNode node) {
        long start = System.nanoTime();
        listener.on(new EngineEvent.Started(node));
        try {
            runner.run(node);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            listener.on(new EngineEvent.Finished(node, took));
            return new Done(node, null, took);
        } catch (Throwable e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            listener.on(new EngineEvent.Failed(node, e, took));
            return new Done(node, e, took);
        }
    }
}
