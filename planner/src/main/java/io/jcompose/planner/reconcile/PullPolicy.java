package io.jcompose.planner.reconcile;

import java.util.Locale;
import java.util.Optional;

/** When to pull (or build) a service's image. */
public enum PullPolicy {
    ALWAYS, MISSING, NEVER, BUILD;

    /**
     * A service's {@code pull_policy}; {@code daily}, {@code weekly} and {@code every_<duration>} need a clock, so a
     * pure planner treats them as {@code missing} and leaves refreshing to an explicit {@code --pull always}.
     */
    public static PullPolicy of(Optional<String> policy) {
        return policy.map(p -> switch (p.toLowerCase(Locale.ROOT)) {
            case "always" -> ALWAYS;
            case "never" -> NEVER;
            case "build" -> BUILD;
            default -> MISSING;
        }).orElse(MISSING);
    }
}
