package io.jcompose.cli.command;

import io.jcompose.cli.UsageException;
import io.jcompose.engine.spi.Backend;
import io.jcompose.planner.observed.ObservedContainer;
import java.util.Comparator;
import java.util.List;

/** Picks a project's containers as the commands that show or enter them do: by service, replica, one-off. */
final class ServiceContainers {

    private ServiceContainers() {
    }

    /** The project's containers of {@code services} (all when empty), ordered by service then number. */
    static List<ObservedContainer> of(Backend backend, String project, List<String> services, boolean oneOffs) {
        return backend.observe(project).containersOf(project).stream()
                .filter(c -> oneOffs || !c.oneOff())
                .filter(c -> services.isEmpty() || c.service().filter(services::contains).isPresent())
                .sorted(Comparator.comparing((ObservedContainer c) -> c.service().orElse(""))
                        .thenComparing(c -> c.number().orElse(Integer.MAX_VALUE)).thenComparing(ObservedContainer::name))
                .toList();
    }

    /** The running container of {@code service} with replica {@code index} (docker compose's {@code --index}). */
    static ObservedContainer one(Backend backend, String project, String service, int index) {
        List<ObservedContainer> all = of(backend, project, List.of(service), false);
        return all.stream().filter(c -> c.number().orElse(-1) == index && c.isUp()).findFirst()
                .or(() -> index == 1 ? all.stream().filter(ObservedContainer::isUp).findFirst()
                        : java.util.Optional.empty())
                .orElseThrow(() -> new UsageException("service \"" + service + "\" is not running"
                        + (index > 1 ? " with index " + index : "") + " (start it with: jcompose up -d " + service
                        + ")"));
    }
}
