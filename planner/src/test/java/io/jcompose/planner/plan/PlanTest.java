package io.jcompose.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.planner.plan.Operation.StartContainer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    void without_droppedNode_dependentsInheritItsDependenciesAndIdsAreRenumbered() {
        PlanBuilder b = new PlanBuilder();
        PlanNode a = b.add(ResourceId.container("a", 1), new StartContainer("a"), Cause.REQUESTED);
        PlanNode x = b.add(ResourceId.container("x", 1), new StartContainer("x"), Cause.REQUESTED, List.of(a));
        PlanNode c = b.add(ResourceId.container("c", 1), new StartContainer("c"), Cause.REQUESTED);
        b.add(ResourceId.container("d", 1), new StartContainer("d"), Cause.REQUESTED, List.of(x, c));
        b.warn("kept");

        Plan plan = b.build().without(n -> n.op() instanceof StartContainer s && s.name().equals("x"));

        assertThat(plan.toString()).isEqualTo("""
                [] -> #1 container a-1 Start a (requested)
                [] -> #2 container c-1 Start c (requested)
                [1 2] -> #3 container d-1 Start d (requested)
                ! kept
                """);
    }

    @Test
    void without_nothingMatches_isTheSamePlan() {
        PlanBuilder b = new PlanBuilder();
        PlanNode a = b.add(ResourceId.container("a", 1), new StartContainer("a"), Cause.REQUESTED);
        b.add(ResourceId.container("b", 1), new StartContainer("b"), Cause.REQUESTED, List.of(a));
        Plan plan = b.build();

        assertThat(plan.without(n -> false)).isEqualTo(plan);
    }
}
