package io.jcompose.engine.linux.image;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An image in the built-in store: its id (the config's digest), the names that point at it, its layers lowest first.
 *
 * @param repoTags    normalised {@code domain/path:tag} names
 * @param repoDigests normalised {@code domain/path@sha256:…} names of the manifests it was pulled or pushed as
 * @param size        bytes of its unpacked layers
 * @param parents     ids of the images a build made it from (the previous step, stages it copied from): what
 *                    makes those build cache rather than dangling images; empty for pulled and loaded images
 */
public record StoredImage(String id, List<String> repoTags, List<String> repoDigests, List<Layer> layers,
                          Instant created, long size, ImageConfig config, List<String> parents) {

    public StoredImage {
        parents = List.copyOf(parents);
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
        layers = List.copyOf(layers);
    }

    /**
     * One layer: its uncompressed digest, and the compressed blob it came as when the store has it (pulled layers),
     * needed to push it again without recompressing.
     */
    public record Layer(String diffId, Optional<String> blobDigest, Optional<String> mediaType, long size) {
    }

    /** The diff ids, lowest first. */
    public List<String> diffIds() {
        return layers.stream().map(Layer::diffId).toList();
    }
}
