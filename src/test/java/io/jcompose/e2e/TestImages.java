package io.jcompose.e2e;

import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The images one test builds into the shared default store, so that it removes those and only those: other
 * workers' images, dangling ones included, are not its to prune.
 */
final class TestImages {

    private final ImageStore store;
    private final String marker;
    private final Set<String> remembered = new LinkedHashSet<>();

    /** {@code marker} is in every name the test gives its images (its unique tag). */
    TestImages(ImageStore store, String marker) {
        this.store = store;
        this.marker = marker;
    }

    /** The image {@code name} points at now, remembered: a rebuild may take the name away from it later. */
    StoredImage remember(String name) {
        StoredImage image = store.find(name).orElseThrow(() -> new AssertionError("no image " + name));
        remembered.add(image.id());
        return image;
    }

    /**
     * Removes the images named with the marker and the remembered ones, through {@code image rm}: each goes with
     * the untagged build steps under it that no other image needs.
     */
    void removeAll(LinuxProjectRun run) {
        for (StoredImage image : store.list()) {
            for (String name : image.repoTags()) {
                if (name.contains(marker)) {
                    run.jcompose("image", "rm", "-f", name);
                }
            }
        }
        for (String id : remembered) {
            if (store.find(id).filter(i -> i.repoTags().isEmpty()).isPresent()) {
                run.jcompose("image", "rm", "-f", id);
            }
        }
    }
}
