package io.jcompose.planner.observed;

import io.jcompose.planner.labels.ComposeLabels;
import java.util.Map;
import java.util.Optional;

/** A network as the backend saw it. */
public record ObservedNetwork(String id, String name, Map<String, String> labels) {

    public ObservedNetwork {
        labels = Map.copyOf(labels);
    }

    public Optional<String> project() {
        return Optional.ofNullable(labels.get(ComposeLabels.PROJECT));
    }

    /** The key the compose file knows it by. */
    public Optional<String> key() {
        return Optional.ofNullable(labels.get(ComposeLabels.NETWORK));
    }

    public Optional<String> configHash() {
        return Optional.ofNullable(labels.get(ComposeLabels.CONFIG_HASH));
    }

    public boolean belongsTo(String projectName) {
        return project().filter(projectName::equals).isPresent();
    }
}
