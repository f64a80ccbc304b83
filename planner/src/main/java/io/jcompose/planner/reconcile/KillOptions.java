package io.jcompose.planner.reconcile;

import java.util.List;

/** The switches of {@code kill}: services, {@code -s SIGNAL}, {@code --remove-orphans}. */
public record KillOptions(List<String> services, String signal, boolean removeOrphans) {

    public KillOptions {
        services = List.copyOf(services);
    }
}
