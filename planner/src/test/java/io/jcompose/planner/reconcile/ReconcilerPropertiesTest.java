package io.jcompose.planner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.model.Project;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.plan.PlanNode;
import io.jcompose.planner.plan.PlanText;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of plans over random acyclic projects and random observed states. */
class ReconcilerPropertiesTest {

    private static Project project(long seed, int size) {
        return Scenarios.project(Scenarios.PROJECT, seed, size, 7);
    }

    @Property(tries = 300)
    void up_noActionRunsBeforeWhatItNeeds(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int size) {
        Project project = project(seed, size);
        ObservedState observed = Scenarios.observed(project, seed, size);

        Plan plan = Reconciler.up(project, observed, UpOptions.defaults().withRemoveOrphans(seed % 2 == 0));

        // any order the plan's edges allow must satisfy the strict backend
        Simulator.play(project, observed, plan, new Random(seed));
        Simulator.play(project, observed, plan, new Random(~seed));
    }

    @Property(tries = 300)
    void up_noObjectActedOnTwice(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int size) {
        Project project = project(seed, size);
        Plan plan = Reconciler.up(project, Scenarios.observed(project, seed, size), UpOptions.defaults()
                .withRemoveOrphans(true));

        Set<String> seen = new HashSet<>();
        for (PlanNode node : plan.nodes()) {
            assertThat(seen.add(node.resource() + " " + PlanText.describe(node.op())))
                    .as("twice: %s\n%s", PlanText.line(node), plan).isTrue();
        }
    }

    @Property(tries = 300)
    void up_twice_secondPlansNothing(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int size) {
        Project project = project(seed, size);
        ObservedState observed = Scenarios.observed(project, seed, size);
        UpOptions options = UpOptions.defaults().withRemoveOrphans(true);

        ObservedState after = Simulator.play(project, observed, Reconciler.up(project, observed, options),
                new Random(seed));
        Plan second = Reconciler.up(project, after, options);

        assertThat(second.nodes()).as("second up:\n%s", second).isEmpty();
        assertThat(after.containersOf(Scenarios.PROJECT)).allMatch(c -> c.isUp());
    }

    @Property(tries = 200)
    void up_ignoresTheOrderTheBackendListsObjectsIn(@ForAll long seed,
                                                    @ForAll @IntRange(min = 1, max = 12) int size) {
        Project project = project(seed, size);
        ObservedState observed = Scenarios.observed(project, seed, size);
        Random random = new Random(seed);
        ObservedState shuffled = new ObservedState(shuffle(observed.containers(), random),
                shuffle(observed.networks(), random), shuffle(observed.volumes(), random),
                shuffle(observed.images(), random));

        assertThat(Reconciler.up(project, shuffled, UpOptions.defaults()).toString())
                .isEqualTo(Reconciler.up(project, observed, UpOptions.defaults()).toString());
    }

    private static <T> java.util.List<T> shuffle(java.util.List<T> list, Random random) {
        java.util.List<T> copy = new java.util.ArrayList<>(list);
        java.util.Collections.shuffle(copy, random);
        return copy;
    }

    @Property(tries = 200)
    void down_afterUp_leavesNoObjectOfTheProject(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int size,
                                                 @ForAll boolean fromLabels) {
        Project project = project(seed, size);
        ObservedState observed = Scenarios.observed(project, seed, size);
        ObservedState up = Simulator.play(project, observed, Reconciler.up(project, observed,
                UpOptions.defaults()), new Random(seed));
        DownOptions options = DownOptions.defaults().withVolumes(true).withRemoveOrphans(true);

        Plan down = fromLabels ? Reconciler.down(Scenarios.PROJECT, up, options)
                : Reconciler.down(project, up, options);
        ObservedState after = Simulator.play(project, up, down, new Random(~seed));

        assertThat(after.containersOf(Scenarios.PROJECT)).isEmpty();
        assertThat(after.networks()).noneMatch(n -> n.belongsTo(Scenarios.PROJECT));
        assertThat(after.volumes()).noneMatch(v -> v.belongsTo(Scenarios.PROJECT));
        assertThat(down.warnings()).isEmpty();
    }

    @Property(tries = 300)
    void plans_neverTouchAnotherProject(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int size) {
        Project project = project(seed, size);
        ObservedState observed = Scenarios.observed(project, seed, size);
        Random random = new Random(seed);

        ObservedState up = Simulator.play(project, observed, Reconciler.up(project, observed, UpOptions.defaults()
                .withRemoveOrphans(true).withRecreate(Recreate.FORCE)), random);
        ObservedState stopped = Simulator.play(project, up, Reconciler.stop(ProjectShape.of(project), up,
                new StopOptions(java.util.List.of(), java.util.Optional.empty())), random);
        ObservedState down = Simulator.play(project, stopped, Reconciler.down(Scenarios.PROJECT, stopped,
                DownOptions.defaults().withVolumes(true).withRemoveOrphans(true).withRmi(RmiMode.ALL)), random);

        assertThat(Scenarios.otherProjectUnchanged(observed, up)).isTrue();
        assertThat(Scenarios.otherProjectUnchanged(observed, stopped)).isTrue();
        assertThat(Scenarios.otherProjectUnchanged(observed, down)).isTrue();
    }
}
