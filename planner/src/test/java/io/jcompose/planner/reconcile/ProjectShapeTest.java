package io.jcompose.planner.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.model.Project;
import io.jcompose.planner.observed.ObservedState;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProjectShapeTest {

    @Test
    void fromLabels_rebuildsServicesDependenciesNetworksAndVolumes() {
        Project project = Scenarios.project(Scenarios.PROJECT, 5, 8, 0);
        ObservedState up = Simulator.play(project, ObservedState.empty(), Reconciler.up(project,
                ObservedState.empty(), UpOptions.defaults()), new Random(5));

        ProjectShape fromModel = ProjectShape.of(project);
        ProjectShape fromLabels = ProjectShape.fromLabels(Scenarios.PROJECT, up);

        // services scaled to zero leave no label behind, so compare on those that have containers
        fromLabels.services().keySet().forEach(s -> {
            assertThat(fromModel.services()).containsKey(s);
            fromLabels.graph().dependenciesOf(s).forEach((dep, edge) -> {
                var modelEdge = fromModel.graph().edge(s, dep).orElseThrow();
                assertThat(edge.condition()).isEqualTo(modelEdge.condition());
                assertThat(edge.restart()).isEqualTo(modelEdge.restart());
                assertThat(edge.required()).isFalse();
            });
        });
        assertThat(fromLabels.networks().values()).allMatch(n -> n.name().startsWith("p_"));
        assertThat(fromLabels.name()).isEqualTo("p");
    }

    @Test
    void fromLabels_otherProjects_areLeftOut() {
        Project project = Scenarios.project(Scenarios.PROJECT, 5, 3, 0);
        ObservedState observed = Scenarios.observed(project, 5, 3);

        ProjectShape shape = ProjectShape.fromLabels(Scenarios.OTHER, observed);

        assertThat(shape.services()).containsOnlyKeys("s0");
        assertThat(shape.networks()).containsOnlyKeys("default");
        assertThat(shape.graph().nodes()).containsExactly("s0");
    }
}
