package io.jcompose.engine.linux;

import io.jcompose.engine.linux.container.BundleBuilder;
import io.jcompose.engine.linux.image.LinuxImages;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.layer.LayerUnpacker;
import io.jcompose.engine.linux.oci.SeccompFilters;
import io.jcompose.engine.linux.registry.LayerImporter;
import io.jcompose.engine.linux.registry.RegistryClient;
import io.jcompose.engine.linux.registry.RegistrySettings;
import io.jcompose.engine.linux.runtime.OciRuntime;
import java.util.Map;
import java.util.Optional;

/** The pluggable parts of the built-in runtime as the real host uses them. */
final class Parts {

    private Parts() {
    }

    /**
     * OCI configs; with crun they carry the compiled seccomp filter (see {@link SeccompFilters}), which runc has no
     * use for.
     */
    static BundleBuilder bundles(StoreLayout layout, OciRuntime runtime) {
        return new OciBundles(runtime.name().equals("crun")
                ? Optional.of(new SeccompFilters(layout.runRoot().resolve("seccomp"))) : Optional.empty());
    }

    /** Pulls over the Registry HTTP API v2, unpacking each new layer once into the store. */
    static LinuxImages.Puller puller(StoreLayout layout, Map<String, String> env) {
        return (name, progress) -> {
            ImageStore store = new ImageStore(layout);
            LayerImporter importer = (blob, mediaType, diffId) -> store.addLayer(Optional.of(diffId),
                    dir -> LayerUnpacker.forImageLayers().unpack(blob, dir));
            try (RegistryClient client = new RegistryClient(store, importer, RegistrySettings.fromEnvironment(env))) {
                return client.pull(name, progress);
            }
        };
    }

    /** Pushes the stored compressed blobs of an image and a manifest for them. */
    static LinuxImages.Pusher pusher(StoreLayout layout, Map<String, String> env) {
        return (image, name, progress) -> {
            ImageStore store = new ImageStore(layout);
            LayerImporter none = (blob, mediaType, diffId) -> {
                throw new IllegalStateException("a push imports no layer");
            };
            try (RegistryClient client = new RegistryClient(store, none, RegistrySettings.fromEnvironment(env))) {
                client.push(image, name, progress);
            }
        };
    }
}
