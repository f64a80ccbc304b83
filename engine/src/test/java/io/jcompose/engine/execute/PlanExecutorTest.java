package io.jcompose.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.event.EngineListener;
import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.plan.PlanNode;
import io.jcompose.planner.plan.ResourceId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlanExecutorTest {

    private static PlanNode node(int id, Integer... deps) {
        return new PlanNode(id, ResourceId.network("n" + id), new Operation.RemoveNetwork("n" + id), List.of(deps),
                Cause.values()[0]);
    }

    @Test
    void execute_runsEveryNodeAfterItsDependencies() {
        Plan plan = new Plan(List.of(node(1), node(2), node(3, 1, 2), node(4, 3), node(5, 1)), List.of());
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        ExecutionResult result = new PlanExecutor(n -> order.add(n.id()), 4, EngineListener.NONE).execute(plan);
        assertThat(result.ok()).isTrue();
        assertThat(order).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(order.indexOf(3)).isGreaterThan(order.indexOf(1)).isGreaterThan(order.indexOf(2));
        assertThat(order.indexOf(4)).isGreaterThan(order.indexOf(3));
        assertThat(order.indexOf(5)).isGreaterThan(order.indexOf(1));
    }

    @Test
    void execute_neverRunsMoreThanTheParallelismAtOnce() {
        List<PlanNode> nodes = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            nodes.add(node(i));
        }
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ExecutionResult result = new PlanExecutor(n -> {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
            Thread.sleep(5);
            now.decrementAndGet();
        }, 3, EngineListener.NONE).execute(new Plan(nodes, List.of()));
        assertThat(result.ok()).isTrue();
        assertThat(peak.get()).isBetween(2, 3);
    }

    @Test
    void execute_afterAFailure_startsNothingNewAndReportsEveryFailure() {
        // 1 and 2 fail together; 3 depends on 1; 4 is independent but queued behind them with parallelism 2
        Plan plan = new Plan(List.of(node(1), node(2), node(3, 1), node(4)), List.of());
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        ExecutionResult result = new PlanExecutor(n -> {
            ran.add(n.id());
            if (n.id() <= 2) {
                Thread.sleep(20);
                throw new IllegalStateException("boom " + n.id());
            }
        }, 2, EngineListener.NONE).execute(plan);
        assertThat(result.ok()).isFalse();
        assertThat(result.failures()).extracting(f -> f.node().id()).containsExactlyInAnyOrder(1, 2);
        assertThat(ran).doesNotContain(3, 4);
        assertThat(result.skipped()).isEqualTo(2);
    }

    @Test
    void execute_emptyPlan_succeeds() {
        ExecutionResult result = new PlanExecutor(n -> { }, 1, EngineListener.NONE)
                .execute(new Plan(List.of(), List.of()));
        assertThat(result.ok()).isTrue();
        assertThat(result.succeeded()).isEmpty();
    }
}
