package io.jcompose.planner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.Project;
import io.jcompose.planner.PlanException;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Operation.CreateContainer;
import io.jcompose.planner.plan.Plan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static final Project PROJECT = Scenarios.project(Scenarios.PROJECT, 11, 6, 1);

    @Test
    void up_unknownService_fails() {
        assertThatThrownBy(() -> Reconciler.up(PROJECT, ObservedState.empty(), UpOptions.defaults()
                .withServices(List.of("nope")))).isInstanceOf(PlanException.class).hasMessage("no such service: nope");
    }

    @Test
    void up_scaleOfUnknownService_fails() {
        assertThatThrownBy(() -> Reconciler.up(PROJECT, ObservedState.empty(), UpOptions.defaults()
                .withScale("nope", 2))).isInstanceOf(PlanException.class).hasMessage("no such service: nope");
    }

    @Test
    void up_negativeScale_fails() {
        assertThatThrownBy(() -> Reconciler.up(PROJECT, ObservedState.empty(), UpOptions.defaults()
                .withScale("s0", -1))).isInstanceOf(PlanException.class)
                .hasMessage("invalid scale for service \"s0\": -1");
    }

    @Test
    void up_sameInputs_samePlan() {
        ObservedState observed = Scenarios.observed(PROJECT, 11, 6);

        assertThat(Reconciler.up(PROJECT, observed, UpOptions.defaults()).toString())
                .isEqualTo(Reconciler.up(PROJECT, observed, UpOptions.defaults()).toString());
    }

    @Test
    void up_scaleOption_overridesReplicas() {
        Plan plan = Reconciler.up(PROJECT, ObservedState.empty(), UpOptions.defaults().withScale("s0", 3)
                .withServices(List.of("s0")).withNoDeps(true).withNoStart(true));

        assertThat(plan.nodes()).filteredOn(n -> n.op() instanceof CreateContainer).hasSize(3);
    }

    @Test
    void withRecreate_never_alsoAppliesToDependencies() {
        UpOptions options = UpOptions.defaults().withRecreate(Recreate.NEVER);

        assertThat(options.recreate()).isEqualTo(Recreate.NEVER);
        assertThat(options.recreateDependencies()).isEqualTo(Recreate.NEVER);
        assertThat(UpOptions.defaults().withRecreate(Recreate.FORCE).recreateDependencies())
                .isEqualTo(Recreate.DIVERGED);
    }

    @Test
    void run_blankId_fails() {
        assertThatThrownBy(() -> Reconciler.run(PROJECT, ObservedState.empty(), RunOptions.of("s0", " ")))
                .isInstanceOf(PlanException.class).hasMessage("a one-off container needs an id");
    }

    @Test
    void run_unknownService_fails() {
        assertThatThrownBy(() -> Reconciler.run(PROJECT, ObservedState.empty(), RunOptions.of("nope", "abc")))
                .isInstanceOf(PlanException.class).hasMessage("no such service: nope");
    }

    @Test
    void down_unknownServiceWithModel_fails() {
        assertThatThrownBy(() -> Reconciler.down(PROJECT, ObservedState.empty(), DownOptions.defaults()
                .withServices(List.of("nope")))).isInstanceOf(PlanException.class).hasMessage("no such service: nope");
    }

    @Test
    void down_unknownServiceFromLabels_plansNothing() {
        assertThat(Reconciler.down("p", Scenarios.observed(PROJECT, 11, 6), DownOptions.defaults()
                .withServices(List.of("nope"))).isEmpty()).isTrue();
    }

    @Test
    void pullPolicy_timeBasedPolicies_meanMissing() {
        assertThat(PullPolicy.of(Optional.of("daily"))).isEqualTo(PullPolicy.MISSING);
        assertThat(PullPolicy.of(Optional.of("always"))).isEqualTo(PullPolicy.ALWAYS);
        assertThat(PullPolicy.of(Optional.empty())).isEqualTo(PullPolicy.MISSING);
    }
}
