package io.jcompose.planner.reconcile;

import java.util.List;

/** The switches of {@code start}: services (their dependencies start too). */
public record StartOptions(List<String> services) {

    public StartOptions {
        services = List.copyOf(services);
    }
}
