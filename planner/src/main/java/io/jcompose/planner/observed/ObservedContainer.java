package io.jcompose.planner.observed;

import io.jcompose.planner.labels.ComposeLabels;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A container as the backend saw it.
 *
 * @param networks the networks it is attached to, network name to network id
 * @param volumes  the names of the volumes it mounts
 */
public record ObservedContainer(String id, String name, Map<String, String> labels, ContainerState state,
                                int exitCode, Health health, String imageId, String imageName,
                                Map<String, String> networks, List<String> volumes) {

    public ObservedContainer {
        labels = Map.copyOf(labels);
        networks = Map.copyOf(networks);
        volumes = List.copyOf(volumes);
    }

    public Optional<String> label(String key) {
        return Optional.ofNullable(labels.get(key));
    }

    public Optional<String> project() {
        return label(ComposeLabels.PROJECT);
    }

    public Optional<String> service() {
        return label(ComposeLabels.SERVICE);
    }

    /** The replica number; empty for a one-off or a container whose label is missing or garbled. */
    public OptionalInt number() {
        String text = labels.get(ComposeLabels.CONTAINER_NUMBER);
        // parsed by hand: sorting containers reads this a lot, and a regex would compile on every call
        if (text == null || text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(text));
    }

    public boolean oneOff() {
        return ComposeLabels.TRUE.equals(labels.get(ComposeLabels.ONEOFF));
    }

    public Optional<String> configHash() {
        return label(ComposeLabels.CONFIG_HASH);
    }

    /** The image it was created from: the {@code image} label docker compose writes, else the image id. */
    public String imageDigest() {
        return label(ComposeLabels.IMAGE).orElse(imageId);
    }

    public boolean isUp() {
        return state.isUp();
    }

    public boolean belongsTo(String projectName) {
        return project().filter(projectName::equals).isPresent();
    }
}
