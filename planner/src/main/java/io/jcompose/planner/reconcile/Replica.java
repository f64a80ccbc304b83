package io.jcompose.planner.reconcile;

import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.PlanNode;
import io.jcompose.planner.plan.ResourceId;
import java.util.List;
import java.util.Optional;

/**
 * A container of a service as it will be once the create part of a plan has run.
 *
 * @param ready      the nodes after which it exists under its final name, attached to its networks
 * @param startCause why it must be started, if it must
 */
record Replica(ResourceId resource, String name, List<PlanNode> ready, Optional<Cause> startCause) {

    Replica {
        ready = List.copyOf(ready);
    }
}
