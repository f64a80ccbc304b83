package io.jcompose.engine.linux.registry;

import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * Stands in for the real unpacker: decompresses gzip (or takes a plain blob as is), computes the diff id of what
 * came out and stores it as a single file in the layer, so that a wrong diff id is rejected by the store as with
 * the real thing.
 */
final class FakeLayerImporter implements LayerImporter {

    private final ImageStore store;
    final AtomicInteger imports = new AtomicInteger();

    FakeLayerImporter(ImageStore store) {
        this.store = store;
    }

    @Override
    public ImageStore.LayerContent importLayer(InputStream compressedBlob, String mediaType, String expectedDiffId)
            throws IOException {
        imports.incrementAndGet();
        byte[] content;
        byte[] raw = compressedBlob.readAllBytes();
        try (InputStream in = mediaType.endsWith("gzip") ? new GZIPInputStream(new ByteArrayInputStream(raw))
                : new ByteArrayInputStream(raw)) {
            content = in.readAllBytes();
        }
        return store.addLayer(Optional.of(expectedDiffId), dir -> {
            Files.write(dir.resolve("content"), content);
            return new ImageStore.LayerContent(Digests.of(content), content.length);
        });
    }
}
