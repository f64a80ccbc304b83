package io.jcompose.planner.reconcile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The switches of {@code down}: {@code -v}, {@code --rmi}, {@code --remove-orphans}, {@code -t}, and services. */
public record DownOptions(List<String> services, boolean volumes, RmiMode rmi, boolean removeOrphans,
                          Optional<Duration> timeout) {

    public DownOptions {
        services = List.copyOf(services);
    }

    public static DownOptions defaults() {
        return new DownOptions(List.of(), false, RmiMode.NONE, false, Optional.empty());
    }

    public DownOptions withServices(List<String> names) {
        return new DownOptions(names, volumes, rmi, removeOrphans, timeout);
    }

    public DownOptions withVolumes(boolean value) {
        return new DownOptions(services, value, rmi, removeOrphans, timeout);
    }

    public DownOptions withRmi(RmiMode value) {
        return new DownOptions(services, volumes, value, removeOrphans, timeout);
    }

    public DownOptions withRemoveOrphans(boolean value) {
        return new DownOptions(services, volumes, rmi, value, timeout);
    }

    public DownOptions withTimeout(Duration value) {
        return new DownOptions(services, volumes, rmi, removeOrphans, Optional.of(value));
    }
}
