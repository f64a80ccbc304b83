package io.jcompose.planner.observed;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a backend observed, the only input besides the model: containers, networks, volumes and images. It may hold
 * objects of other projects; the planner only acts on those labelled with its own project (or named by the model).
 */
public record ObservedState(List<ObservedContainer> containers, List<ObservedNetwork> networks,
                            List<ObservedVolume> volumes, List<ObservedImage> images) {

    public ObservedState {
        // sorted once here, so that every walk over the snapshot is deterministic whatever order the backend used
        containers = containers.stream().sorted(Comparator.comparing(ObservedContainer::name)
                .thenComparing(ObservedContainer::id)).toList();
        networks = networks.stream().sorted(Comparator.comparing(ObservedNetwork::name)
                .thenComparing(ObservedNetwork::id)).toList();
        volumes = volumes.stream().sorted(Comparator.comparing(ObservedVolume::name)).toList();
        images = images.stream().sorted(Comparator.comparing(ObservedImage::id)).toList();
    }

    public static ObservedState empty() {
        return new ObservedState(List.of(), List.of(), List.of(), List.of());
    }

    /** The local image tagged {@code reference}, if any. */
    public Optional<ObservedImage> image(String reference) {
        return images.stream().filter(i -> i.hasTag(reference)).findFirst();
    }

    public List<ObservedContainer> containersOf(String project) {
        return containers.stream().filter(c -> c.belongsTo(project)).toList();
    }
}
