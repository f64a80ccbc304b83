package io.jcompose.engine.spi;

import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What inspecting a container tells: state, health, exit code, times, published ports.
 *
 * @param command the entrypoint and command together, as {@code ps} shows them
 */
public record ContainerInfo(String id, String name, String image, ContainerState state, Health health,
                            int exitCode, Optional<Instant> createdAt, Optional<Instant> startedAt,
                            Optional<Instant> finishedAt, Map<String, String> labels,
                            List<PublishedPort> ports, List<String> command) {

    public ContainerInfo {
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
        command = List.copyOf(command);
    }

    /** A container port and where it is published on the host (empty host port when not published). */
    public record PublishedPort(int containerPort, String protocol, String hostIp, Optional<Integer> hostPort) {
    }
}
