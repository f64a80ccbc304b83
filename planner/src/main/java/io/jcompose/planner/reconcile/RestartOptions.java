package io.jcompose.planner.reconcile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The switches of {@code restart}: services (with their {@code restart: true} dependents unless no-deps), -t. */
public record RestartOptions(List<String> services, boolean noDeps, Optional<Duration> timeout) {

    public RestartOptions {
        services = List.copyOf(services);
    }
}
