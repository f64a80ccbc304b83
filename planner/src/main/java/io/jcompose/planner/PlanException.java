package io.jcompose.planner;

/** A plan cannot be made: a dependency cycle, an unknown or disabled service, a scale that cannot be honoured. */
public final class PlanException extends RuntimeException {

    public PlanException(String message) {
        super(message);
    }
}
