package io.jcompose.engine.execute;

import io.jcompose.planner.plan.PlanNode;
import java.util.List;

/** What running a plan did: the nodes that succeeded, every failure, how many never started. */
public record ExecutionResult(List<PlanNode> succeeded, List<Failure> failures, int skipped, boolean interrupted) {

    public ExecutionResult {
        succeeded = List.copyOf(succeeded);
        failures = List.copyOf(failures);
    }

    public boolean ok() {
        return failures.isEmpty() && !interrupted;
    }

    /** A node that failed and why. */
    public record Failure(PlanNode node, Throwable error) {
    }
}
