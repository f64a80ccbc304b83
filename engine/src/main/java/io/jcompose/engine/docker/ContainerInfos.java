package io.jcompose.engine.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.engine.spi.ContainerInfo.PublishedPort;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads docker-java's inspect answer into the SPI's {@link ContainerInfo}. */
final class ContainerInfos {

    /** What the daemon reports as the start time of a container that never started. */
    private static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");

    private ContainerInfos() {
    }

    static ContainerInfo of(InspectContainerResponse r) {
        InspectContainerResponse.ContainerState state = r.getState();
        Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null ? Map.of()
                : r.getConfig().getLabels();
        List<String> command = new ArrayList<>();
        if (r.getPath() != null && !r.getPath().isEmpty()) {
            command.add(r.getPath());
        }
        if (r.getArgs() != null) {
            command.addAll(List.of(r.getArgs()));
        }
        return new ContainerInfo(r.getId(), name(r.getName()), r.getConfig() == null ? "" : r.getConfig().getImage(),
                state(state == null ? null : state.getStatus()), health(state), exitCode(state),
                instant(r.getCreated()), instant(state == null ? null : state.getStartedAt()),
                instant(state == null ? null : state.getFinishedAt()), labels, ports(r), command);
    }

    static String name(String name) {
        return name == null ? "" : name.startsWith("/") ? name.substring(1) : name;
    }

    static ContainerState state(String status) {
        try {
            return status == null ? ContainerState.CREATED : ContainerState.parse(status);
        } catch (IllegalArgumentException unknown) {
            return ContainerState.DEAD;
        }
    }

    private static Health health(InspectContainerResponse.ContainerState state) {
        if (state == null || state.getHealth() == null || state.getHealth().getStatus() == null) {
            return Health.NONE;
        }
        return switch (state.getHealth().getStatus()) {
            case "healthy" -> Health.HEALTHY;
            case "unhealthy" -> Health.UNHEALTHY;
            case "starting" -> Health.STARTING;
            default -> Health.NONE;
        };
    }

    private static int exitCode(InspectContainerResponse.ContainerState state) {
        return state == null || state.getExitCodeLong() == null ? 0 : state.getExitCodeLong().intValue();
    }

    /** A time the daemon reports; its zero time means "never" (not started yet, not finished yet). */
    private static Optional<Instant> instant(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text)).filter(t -> t.isAfter(NEVER));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Every exposed port, with each host address it is published on (none when it is not published). */
    private static List<PublishedPort> ports(InspectContainerResponse r) {
        if (r.getNetworkSettings() == null || r.getNetworkSettings().getPorts() == null) {
            return List.of();
        }
        List<PublishedPort> out = new ArrayList<>();
        Map<ExposedPort, Ports.Binding[]> bindings = r.getNetworkSettings().getPorts().getBindings();
        bindings.forEach((port, hosts) -> {
            String protocol = port.getProtocol().toString();
            if (hosts == null || hosts.length == 0) {
                out.add(new PublishedPort(port.getPort(), protocol, "", Optional.empty()));
                return;
            }
            for (Ports.Binding b : hosts) {
                out.add(new PublishedPort(port.getPort(), protocol, b.getHostIp() == null ? "" : b.getHostIp(),
                        hostPort(b.getHostPortSpec())));
            }
        });
        out.sort(Comparator.comparingInt(PublishedPort::containerPort).thenComparing(PublishedPort::protocol)
                .thenComparing(PublishedPort::hostIp));
        return out;
    }

    private static Optional<Integer> hostPort(String spec) {
        return spec != null && spec.matches("\\d{1,5}") ? Optional.of(Integer.parseInt(spec)) : Optional.empty();
    }
}
