package io.jcompose.planner.reconcile;

import java.util.List;

/** The switches of {@code rm}: services, {@code --stop} (stop running ones first), {@code -v}. */
public record RmOptions(List<String> services, boolean stop, boolean volumes) {

    public RmOptions {
        services = List.copyOf(services);
    }
}
