package io.jcompose.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.engine.event.EngineEvent;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.engine.spi.ContainerOps;
import io.jcompose.engine.spi.RuntimeFailureException;
import io.jcompose.model.DependsOn;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation;
import io.jcompose.planner.plan.PlanNode;
import io.jcompose.planner.plan.ResourceId;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The waits for depends_on conditions, against a backend whose container goes through scripted states. */
class BackendNodeRunnerTest {

    private final List<EngineEvent> events = new ArrayList<>();

    private static ContainerInfo info(ContainerState state, Health health, int exit) {
        return new ContainerInfo("id", "p-db-1", "img", state, health, exit, Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), List.of(), List.of());
    }

    /** A backend whose only container answers inspect with the given states, one per call, the last repeated. */
    private static Backend scripted(ContainerInfo... states) {
        Deque<ContainerInfo> script = new ArrayDeque<>(List.of(states));
        ContainerOps containers = (ContainerOps) Proxy.newProxyInstance(ContainerOps.class.getClassLoader(),
                new Class<?>[] {ContainerOps.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("inspect")) {
                        throw new AssertionError("unexpected call " + method.getName());
                    }
                    return Optional.of(script.size() > 1 ? script.poll() : script.peek());
                });
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("containers")) {
                        return containers;
                    }
                    throw new AssertionError("unexpected call " + method.getName());
                });
    }

    private void waitFor(Backend backend, DependsOn.Condition condition, boolean required) throws Exception {
        PlanNode node = new PlanNode(1, ResourceId.service("db"),
                new Operation.WaitForCondition("db", condition, required, List.of("p-db-1")), List.of(),
                Cause.DEPENDENCY);
        new BackendNodeRunner(backend, op -> null, op -> null, op -> null, events::add).run(node);
    }

    @Test
    void healthy_waitsThroughStartingUntilHealthy() throws Exception {
        waitFor(scripted(info(ContainerState.RUNNING, Health.STARTING, 0),
                info(ContainerState.RUNNING, Health.HEALTHY, 0)), DependsOn.Condition.SERVICE_HEALTHY, true);
        assertThat(events).isEmpty();
    }

    @Test
    void healthy_failsWhenTheContainerTurnsUnhealthy() {
        assertThatThrownBy(() -> waitFor(scripted(info(ContainerState.RUNNING, Health.UNHEALTHY, 0)),
                DependsOn.Condition.SERVICE_HEALTHY, true))
                .isInstanceOf(RuntimeFailureException.class).hasMessage("container p-db-1 is unhealthy");
    }

    @Test
    void healthy_withoutAHealthcheck_saysHowToFixIt() {
        assertThatThrownBy(() -> waitFor(scripted(info(ContainerState.RUNNING, Health.NONE, 0)),
                DependsOn.Condition.SERVICE_HEALTHY, true))
                .hasMessageContaining("has no healthcheck").hasMessageContaining("service_started");
    }

    @Test
    void completed_succeedsOnExitZeroAndFailsOtherwise() throws Exception {
        waitFor(scripted(info(ContainerState.RUNNING, Health.NONE, 0), info(ContainerState.EXITED, Health.NONE, 0)),
                DependsOn.Condition.SERVICE_COMPLETED_SUCCESSFULLY, true);
        assertThatThrownBy(() -> waitFor(scripted(info(ContainerState.EXITED, Health.NONE, 3)),
                DependsOn.Condition.SERVICE_COMPLETED_SUCCESSFULLY, true))
                .hasMessage("service \"db\" didn't complete successfully: exit 3");
    }

    @Test
    void notRequired_turnsAFailureIntoAWarning() throws Exception {
        waitFor(scripted(info(ContainerState.EXITED, Health.NONE, 1)),
                DependsOn.Condition.SERVICE_COMPLETED_SUCCESSFULLY, false);
        assertThat(events).singleElement().isInstanceOf(EngineEvent.Warning.class)
                .extracting(e -> ((EngineEvent.Warning) e).message()).asString().contains("not required");
    }
}
