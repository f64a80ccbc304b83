package io.jcompose.planner.reconcile;

import java.util.Optional;

/**
 * The switches of {@code run} that shape the plan. {@code id} names the one-off container (the caller makes it
 * random: the planner has no source of randomness); the command, tty and the rest are the engine's business.
 */
public record RunOptions(String service, String id, boolean noDeps, boolean removeOrphans,
                         Optional<PullPolicy> pull, boolean build) {

    public static RunOptions of(String service, String id) {
        return new RunOptions(service, id, false, false, Optional.empty(), false);
    }

    public RunOptions withNoDeps(boolean value) {
        return new RunOptions(service, id, value, removeOrphans, pull, build);
    }

    public RunOptions withRemoveOrphans(boolean value) {
        return new RunOptions(service, id, noDeps, value, pull, build);
    }
}
