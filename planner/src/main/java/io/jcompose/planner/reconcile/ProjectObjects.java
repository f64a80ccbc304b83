package io.jcompose.planner.reconcile;

import io.jcompose.planner.observed.ImageRefs;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedImage;
import io.jcompose.planner.observed.ObservedNetwork;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.observed.ObservedVolume;
import io.jcompose.planner.plan.ResourceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The part of an observed state that belongs to one project, indexed: containers by service, orphans, one-offs, and
 * the network or volume that stands for each compose key. Objects of other projects never get in here, except a
 * network or volume that has exactly the name the model asks for, which is reused as it is and never changed.
 */
final class ProjectObjects {

    private static final Comparator<ObservedContainer> BY_NUMBER = Comparator
            .comparingInt((ObservedContainer c) -> c.number().orElse(0)).thenComparing(ObservedContainer::name);

    private final String project;
    private final ObservedState state;
    private final List<ObservedContainer> all;
    private final Map<String, List<ObservedContainer>> byService = new TreeMap<>();
    private final List<ObservedContainer> orphans = new ArrayList<>();
    private final List<ObservedContainer> oneOffs = new ArrayList<>();
    private final Map<String, ObservedImage> imagesByTag = new HashMap<>();

    private ProjectObjects(String project, Set<String> knownServices, ObservedState state) {
        this.project = project;
        this.state = state;
        this.all = state.containersOf(project);
        for (ObservedContainer c : all) {
            String service = c.service().orElse("");
            if (c.oneOff()) {
                oneOffs.add(c);
                if (!c.isUp()) {
                    orphans.add(c);
                }
            } else if (knownServices.contains(service)) {
                byService.computeIfAbsent(service, s -> new ArrayList<>()).add(c);
            } else {
                orphans.add(c);
            }
        }
        byService.values().forEach(list -> list.sort(BY_NUMBER));
        for (ObservedImage image : state.images()) {
            image.tags().forEach(t -> imagesByTag.putIfAbsent(ImageRefs.normalize(t), image));
        }
    }

    /** The local image tagged {@code reference}, looked up in an index built once. */
    Optional<ObservedImage> image(String reference) {
        return Optional.ofNullable(imagesByTag.get(ImageRefs.normalize(reference)));
    }

    static ProjectObjects of(String project, Set<String> knownServices, ObservedState state) {
        return new ProjectObjects(project, knownServices, state);
    }

    String project() {
        return project;
    }

    ObservedState state() {
        return state;
    }

    /** Every container of the project, one-offs and orphans included. */
    List<ObservedContainer> all() {
        return all;
    }

    /** The service's own containers (no one-offs), by container number. */
    List<ObservedContainer> containers(String service) {
        return byService.getOrDefault(service, List.of());
    }

    /** Containers of services the model no longer has, and one-offs that have exited. */
    List<ObservedContainer> orphans() {
        return orphans;
    }

    List<ObservedContainer> oneOffs() {
        return oneOffs;
    }

    /**
     * The network for a compose key: one labelled with this project and key (the one with the wanted name if several
     * are), else any with the wanted name.
     */
    Optional<ObservedNetwork> network(String key, String name) {
        List<ObservedNetwork> labelled = state.networks().stream()
                .filter(n -> n.belongsTo(project) && n.key().filter(key::equals).isPresent()).toList();
        Optional<ObservedNetwork> exact = labelled.stream().filter(n -> n.name().equals(name)).findFirst();
        if (exact.isPresent() || !labelled.isEmpty()) {
            return exact.or(() -> Optional.of(labelled.getFirst()));
        }
        return state.networks().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The volume for a compose key, chosen as {@link #network} chooses. */
    Optional<ObservedVolume> volume(String key, String name) {
        List<ObservedVolume> labelled = state.volumes().stream()
                .filter(v -> v.belongsTo(project) && v.key().filter(key::equals).isPresent()).toList();
        Optional<ObservedVolume> exact = labelled.stream().filter(v -> v.name().equals(name)).findFirst();
        if (exact.isPresent() || !labelled.isEmpty()) {
            return exact.or(() -> Optional.of(labelled.getFirst()));
        }
        return state.volumes().stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** How plans name an observed container: {@code service-n} when labelled so, else its own name. */
    static ResourceId resource(ObservedContainer c) {
        if (!c.oneOff() && c.service().isPresent() && c.number().isPresent()) {
            return ResourceId.container(c.service().get(), c.number().getAsInt());
        }
        return ResourceId.container(c.name());
    }
}
