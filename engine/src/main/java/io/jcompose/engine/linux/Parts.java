package io.jcompose.engine.linux;

import io.jcompose.engine.linux.container.BundleBuilder;
import io.jcompose.engine.linux.image.LinuxImages;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.util.Map;

/** The pluggable parts of the built-in runtime as the real host uses them. */
final class Parts {

    private Parts() {
    }

    static BundleBuilder bundles(Map<String, String> env) {
        return new OciBundles();
    }

    static LinuxImages.Puller puller(StoreLayout layout, Map<String, String> env) {
        return (name, progress) -> {
            throw new RuntimeFailureException("pulling " + name + ": the registry client is not wired yet");
        };
    }

    static LinuxImages.Pusher pusher(StoreLayout layout, Map<String, String> env) {
        return (image, name, progress) -> {
            throw new RuntimeFailureException("pushing " + name + ": the registry client is not wired yet");
        };
    }
}
