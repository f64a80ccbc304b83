package io.jcompose.engine.linux.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.image.Digests;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The manifest a push sends: a Docker v2 schema 2 manifest when every layer is gzip (what every registry and client
 * takes), else an OCI one; its digest is that of these exact bytes, which is the digest the registry stores it under.
 *
 * @param mediaType the manifest's type, also its {@code Content-Type}
 */
record OutgoingManifest(String mediaType, byte[] body, String digest) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One blob of the image: its digest, size and the media type it is stored with. */
    record Blob(String digest, long size, String storedMediaType) {
    }

    /** The manifest of an image with config blob {@code configDigest} and {@code layers}, lowest first. */
    static OutgoingManifest of(String configDigest, long configSize, List<Blob> layers) {
        boolean docker = MediaTypes.fitDockerManifest(layers.stream().map(Blob::storedMediaType).toList());
        String mediaType = docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST;
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", mediaType);
        root.set("config", descriptor(docker ? MediaTypes.DOCKER_CONFIG : MediaTypes.OCI_CONFIG, configSize,
                configDigest));
        ArrayNode array = root.putArray("layers");
        for (Blob layer : layers) {
            array.add(descriptor(MediaTypes.pushedLayerType(layer.storedMediaType(), docker), layer.size(),
                    layer.digest()));
        }
        byte[] body;
        try {
            body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new OutgoingManifest(mediaType, body, Digests.of(body));
    }

    private static ObjectNode descriptor(String mediaType, long size, String digest) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", mediaType);
        d.put("size", size);
        d.put("digest", digest);
        return d;
    }
}
