package io.jcompose.planner.observed;

import io.jcompose.planner.labels.ComposeLabels;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A local image: its id, the references it is tagged with, its labels. */
public record ObservedImage(String id, List<String> tags, Map<String, String> labels) {

    public ObservedImage {
        tags = List.copyOf(tags);
        labels = Map.copyOf(labels);
    }

    public Optional<String> project() {
        return Optional.ofNullable(labels.get(ComposeLabels.PROJECT));
    }

    public Optional<String> service() {
        return Optional.ofNullable(labels.get(ComposeLabels.SERVICE));
    }

    public boolean hasTag(String reference) {
        String wanted = ImageRefs.normalize(reference);
        return tags.stream().anyMatch(t -> ImageRefs.normalize(t).equals(wanted));
    }
}
