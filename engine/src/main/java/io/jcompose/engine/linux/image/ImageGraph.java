package io.jcompose.engine.linux.image;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The store's images with the links builds record between them, read as Docker reads its classic builder's: an
 * untagged image that others were built from is an <em>intermediate</em> image (build cache, hidden by
 * {@code image ls} without {@code -a}); an untagged image nothing was built from is <em>dangling</em> (what
 * {@code image prune} removes, with the untagged images under it that nothing else needs).
 */
public final class ImageGraph {

    private final Map<String, StoredImage> images = new LinkedHashMap<>();
    private final Map<String, Set<String>> children = new HashMap<>();

    private ImageGraph(List<StoredImage> list) {
        for (StoredImage image : list) {
            images.put(image.id(), image);
        }
        for (StoredImage image : list) {
            for (String parent : image.parents()) {
                children.computeIfAbsent(parent, p -> new HashSet<>()).add(image.id());
            }
        }
    }

    public static ImageGraph of(List<StoredImage> images) {
        return new ImageGraph(images);
    }

    /** Untagged, and another image was built from it: a build step kept as cache. */
    public boolean intermediate(StoredImage image) {
        return image.repoTags().isEmpty() && !children.getOrDefault(image.id(), Set.of()).isEmpty();
    }

    /** Untagged, and no image was built from it: left over, as when a rebuild took its name. */
    public boolean dangling(StoredImage image) {
        return image.repoTags().isEmpty() && children.getOrDefault(image.id(), Set.of()).isEmpty();
    }

    /**
     * What {@code image prune} removes, children before parents: the dangling images no container uses, then
     * the untagged images under them that are left without children and without containers. With {@code all},
     * every image no container uses, named or not.
     */
    public List<StoredImage> prunable(Set<String> usedByContainers, boolean all) {
        if (all) {
            return images.values().stream().filter(i -> !usedByContainers.contains(i.id())).toList();
        }
        List<StoredImage> start = images.values().stream()
                .filter(i -> dangling(i) && !usedByContainers.contains(i.id())).toList();
        return withUntaggedParents(start, usedByContainers);
    }

    /**
     * {@code removed} followed by the untagged images under them that removing them leaves without children
     * (and that no container uses), as {@code docker rmi} deletes a removed image's untagged parents.
     */
    public List<StoredImage> withUntaggedParents(List<StoredImage> removed, Set<String> usedByContainers) {
        Set<String> gone = new HashSet<>();
        List<StoredImage> order = new ArrayList<>();
        Deque<StoredImage> work = new ArrayDeque<>(removed);
        while (!work.isEmpty()) {
            StoredImage image = work.removeFirst();
            if (!gone.add(image.id())) {
                continue;
            }
            order.add(image);
            for (String parentId : image.parents()) {
                StoredImage parent = images.get(parentId);
                if (parent != null && parent.repoTags().isEmpty() && !usedByContainers.contains(parentId)
                        && !gone.contains(parentId) && gone.containsAll(children.getOrDefault(parentId, Set.of()))) {
                    work.addLast(parent);
                }
            }
        }
        return order;
    }
}
