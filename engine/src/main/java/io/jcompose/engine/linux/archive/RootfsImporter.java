package io.jcompose.engine.linux.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.linux.layer.Compression;
import io.jcompose.engine.linux.layer.LayerUnpacker;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * {@code image import}: makes a one-layer image from a root filesystem tarball (as {@code export} writes it, plain
 * or compressed), its config set by Dockerfile-style {@code --change} instructions. Device nodes of the tarball are
 * left out of the layer ({@link DeviceNodeFilter}): the runtime gives every container a {@code /dev} of its own. The
 * layer's compressed blob is kept, so that the image can be pushed.
 */
public final class RootfsImporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public RootfsImporter() {
        this(Clock.systemUTC());
    }

    /** With the clock the image's creation time is taken from. */
    public RootfsImporter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Imports {@code tarball} (read to its end and closed) as a new image named {@code name} (or untagged). The
     * changes are checked before anything is unpacked; {@code message} becomes the history comment.
     */
    public StoredImage importRootfs(InputStream tarball, List<String> changes, Optional<ImageName> name,
                                    ImageStore store, Optional<String> message) throws IOException {
        List<ImageChange> parsed;
        try {
            parsed = changes.stream().map(ImageChange::parse).toList();
        } catch (IllegalArgumentException e) {
            tarball.close();
            throw e;
        }
        ImageStore.LayerContent layer;
        LayerBlobCapture.Blob blob;
        try (LayerBlobCapture capture = LayerBlobCapture.of(
                new DeviceNodeFilter(Compression.decompressing(tarball)), store)) {
            // the blob is stored before the layer is renamed into place: failing either leaves neither
            layer = store.addLayer(Optional.empty(), dir -> {
                ImageStore.LayerContent content = new LayerUnpacker(LayerUnpacker.DeviceNodes.SKIP)
                        .unpackTar(capture.tar(), dir);
                capture.finish(Optional.empty());
                return content;
            });
            blob = capture.blob();
        }
        Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode root = ImageConfig.emptyConfigJson(HostPlatform.architecture(), created);
        ObjectNode config = (ObjectNode) root.get("config");
        parsed.forEach(change -> change.applyTo(config));
        ((ArrayNode) root.get("rootfs").get("diff_ids")).add(layer.diffId());
        ObjectNode history = ((ArrayNode) root.get("history")).addObject();
        history.put("created", created.toString());
        // docker names the source in the comment; ours is always a stream
        history.put("comment", message.filter(m -> !m.isBlank()).orElse("Imported from -"));
        return store.addImage(JSON.writeValueAsBytes(root),
                List.of(new StoredImage.Layer(layer.diffId(), Optional.of(blob.digest()), Optional.of(blob.mediaType()),
                        layer.size())),
                name.map(List::of).orElse(List.of()), Optional.empty());
    }
}
