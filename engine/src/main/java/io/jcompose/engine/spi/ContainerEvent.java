package io.jcompose.engine.spi;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened to a container ({@code create}, {@code start}, {@code die}, {@code stop}...), with the
 * attributes the backend reports: the container's labels, its {@code name} and {@code image}, an {@code exitCode}.
 */
public record ContainerEvent(Instant time, String action, String containerId, Map<String, String> attributes) {

    public ContainerEvent {
        attributes = Map.copyOf(attributes);
    }
}
