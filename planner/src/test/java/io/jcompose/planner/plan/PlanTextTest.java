package io.jcompose.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.planner.plan.Operation.RemoveContainer;
import io.jcompose.planner.plan.Operation.StartContainer;
import io.jcompose.planner.plan.Operation.StopContainer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanTextTest {

    @Test
    void render_oneLinePerNode_depsSortedThenWarnings() {
        PlanBuilder b = new PlanBuilder();
        PlanNode stop = b.add(ResourceId.container("web", 1), new StopContainer("id1", "x-web-1",
                Optional.of(Duration.ofSeconds(10))), Cause.SCALE_DOWN);
        PlanNode other = b.add(ResourceId.container("web", 2), new StartContainer("x-web-2"), Cause.NOT_RUNNING);
        b.add(ResourceId.container("web", 1), new RemoveContainer("id1", "x-web-1", false), Cause.SCALE_DOWN,
                List.of(other, stop, other));
        b.warn("something to say");

        assertThat(b.build().toString()).isEqualTo("""
                [] -> #1 container web-1 Stop x-web-1 within 10s (scale down)
                [] -> #2 container web-2 Start x-web-2 (not running)
                [1 2] -> #3 container web-1 Remove x-web-1 (scale down)
                ! something to say
                """);
    }

    @Test
    void add_nodeOfAnotherPlan_isRejected() {
        PlanNode foreign = new PlanBuilder().add(ResourceId.service("db"), new StartContainer("a"), Cause.REQUESTED);
        PlanBuilder b = new PlanBuilder();
        b.add(ResourceId.service("db"), new StartContainer("b"), Cause.REQUESTED);
        PlanBuilder fresh = new PlanBuilder();

        assertThatThrownBy(() -> fresh.add(ResourceId.service("x"), new StartContainer("c"), Cause.REQUESTED,
                foreign)).isInstanceOf(IllegalArgumentException.class).hasMessage("#1 is not a node of this plan");
    }

    @Test
    void planNode_dependencyOnLaterNode_isRejected() {
        assertThatThrownBy(() -> new PlanNode(1, ResourceId.service("a"), new StartContainer("a"), List.of(2),
                Cause.REQUESTED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("#1 cannot depend on later node #2");
    }
}
