package io.jcompose.engine.spec;

import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.planner.labels.ComposeNames;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The names of a service's containers, lowest replica number first: what {@code network_mode: service:x},
 * {@code volumes_from: x}, {@code ipc}/{@code pid: service:x} and {@code links} point at.
 */
@FunctionalInterface
public interface ServiceContainers {

    List<String> of(String service);

    /** The names the model gives: {@code container_name}, else {@code <project>-<service>-<n>} for each replica. */
    static ServiceContainers fromModel(Project project) {
        return name -> {
            Optional<Service> service = project.service(name)
                    .or(() -> Optional.ofNullable(project.disabledServices().get(name)));
            if (service.isEmpty()) {
                return List.of(ComposeNames.container(project.name(), name, 1));
            }
            Service s = service.get();
            return IntStream.rangeClosed(1, Math.max(1, s.replicas()))
                    .mapToObj(n -> ComposeNames.container(project.name(), s, n)).toList();
        };
    }
}
