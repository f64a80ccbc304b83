package io.jcompose.engine.linux.registry;

import java.util.List;

/** A parsed manifest: either one image (config + layers) or an index of per-platform manifests. */
public sealed interface Manifest permits Manifest.Image, Manifest.Index {

    String mediaType();

    /** A Docker v2 schema 2 or OCI image manifest. */
    record Image(String mediaType, Descriptor config, List<Descriptor> layers) implements Manifest {
        public Image {
            layers = List.copyOf(layers);
        }
    }

    /** A Docker manifest list or OCI image index. */
    record Index(String mediaType, List<Descriptor> manifests) implements Manifest {
        public Index {
            manifests = List.copyOf(manifests);
        }

        /** The platforms the index offers, for an error message. */
        public List<String> platforms() {
            return manifests.stream().flatMap(d -> d.platform().stream()).map(Platform::toString).distinct().toList();
        }
    }
}
