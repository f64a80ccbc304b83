package io.jcompose.engine.linux.registry;

import io.jcompose.engine.linux.image.ImageStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Unpacks a downloaded layer blob into the image store (through {@link ImageStore#addLayer}); the registry client
 * only downloads and verifies the compressed blob.
 */
@FunctionalInterface
public interface LayerImporter {

    /**
     * Unpacks {@code compressedBlob} (a tar, gzip- or zstd-compressed as {@code mediaType} says) as the layer
     * {@code expectedDiffId}; a different uncompressed digest must fail and leave nothing behind.
     */
    ImageStore.LayerContent importLayer(Path compressedBlob, String mediaType, String expectedDiffId)
            throws IOException;
}
