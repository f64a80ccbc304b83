package io.jcompose.engine.linux.registry;

import io.jcompose.engine.linux.image.ImageStore;
import java.io.IOException;
import java.io.InputStream;

/**
 * Unpacks a layer blob into the image store (through {@link ImageStore#addLayer}) as it arrives; the registry
 * client only downloads the compressed blob, and checks its digest when the stream ends.
 */
@FunctionalInterface
public interface LayerImporter {

    /**
     * Unpacks {@code compressedBlob} (a tar, gzip- or zstd-compressed as {@code mediaType} says) as the layer
     * {@code expectedDiffId}. The stream must be read to its end before the layer is put in place, since its end
     * is where a corrupt blob shows; a read error or a different uncompressed digest must fail and leave nothing
     * behind.
     */
    ImageStore.LayerContent importLayer(InputStream compressedBlob, String mediaType, String expectedDiffId)
            throws IOException;
}
