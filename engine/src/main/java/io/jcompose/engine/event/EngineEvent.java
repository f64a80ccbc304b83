package io.jcompose.engine.event;

import io.jcompose.planner.plan.PlanNode;
import java.time.Duration;

/** What the engine tells the front end while it works; only the CLI turns these into output. */
public sealed interface EngineEvent {

    /** A plan node began. */
    record Started(PlanNode node) implements EngineEvent {
    }

    /** A plan node succeeded. */
    record Finished(PlanNode node, Duration took) implements EngineEvent {
    }

    /** A plan node failed. */
    record Failed(PlanNode node, Throwable error, Duration took) implements EngineEvent {
    }

    /** Something the user should know that is not a failure (orphans found, a dependency not required failed). */
    record Warning(String message) implements EngineEvent {
    }

    /** A progress line of a long operation (pull, build). */
    record Progress(PlanNode node, String line) implements EngineEvent {
    }
}
