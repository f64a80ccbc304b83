package io.jcompose.planner.reconcile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The switches of {@code stop}: services (their dependents stop too) and {@code -t}. */
public record StopOptions(List<String> services, Optional<Duration> timeout) {

    public StopOptions {
        services = List.copyOf(services);
    }
}
