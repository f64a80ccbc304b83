package io.jcompose.engine.linux.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcompose.engine.linux.image.Digests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads manifest bodies into {@link Manifest}s, rejecting what a pull cannot use with the reason. */
final class ManifestParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestParser() {
    }

    /**
     * Parses a manifest body. The JSON's own {@code mediaType} wins over the HTTP {@code Content-Type} (some
     * registries answer {@code application/json}); anything unusable is an {@link IOException} saying what.
     */
    static Manifest parse(byte[] body, String contentType) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException("the registry sent a manifest that is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("the registry sent a manifest that is not a JSON object");
        }
        String mediaType = root.path("mediaType").asText("");
        if (mediaType.isEmpty()) {
            mediaType = contentType.split(";", 2)[0].strip();
        }
        if (root.path("schemaVersion").asInt() == 1 || MediaTypes.isSchema1(mediaType)) {
            throw new IOException("schema 1 manifests are not supported (the image is too old: push it again with "
                    + "a current docker to get a schema 2 manifest)");
        }
        if (MediaTypes.isIndex(mediaType) || (!MediaTypes.isImageManifest(mediaType) && root.has("manifests"))) {
            List<Descriptor> manifests = new ArrayList<>();
            for (JsonNode m : root.path("manifests")) {
                manifests.add(descriptor(m));
            }
            return new Manifest.Index(mediaType, manifests);
        }
        if (MediaTypes.isImageManifest(mediaType) || root.has("config")) {
            if (!root.path("config").isObject()) {
                throw new IOException("the image manifest has no config descriptor");
            }
            List<Descriptor> layers = new ArrayList<>();
            for (JsonNode l : root.path("layers")) {
                layers.add(descriptor(l));
            }
            return new Manifest.Image(mediaType.isEmpty() ? MediaTypes.OCI_MANIFEST : mediaType, descriptor(root.get("config")),
                    layers);
        }
        throw new IOException("unsupported manifest media type \"" + mediaType + "\"");
    }

    private static Descriptor descriptor(JsonNode node) throws IOException {
        String digest = node.path("digest").asText("");
        if (!Digests.isValid(digest)) {
            throw new IOException("the manifest names content by \"" + digest + "\", not a sha256 digest");
        }
        List<String> urls = new ArrayList<>();
        node.path("urls").forEach(u -> urls.add(u.asText()));
        Optional<Platform> platform = Optional.empty();
        JsonNode p = node.path("platform");
        if (p.isObject()) {
            platform = Optional.of(new Platform(p.path("os").asText(""), p.path("architecture").asText(""),
                    Optional.ofNullable(p.path("variant").textValue())));
        }
        return new Descriptor(node.path("mediaType").asText(""), digest, node.path("size").asLong(-1), urls, platform);
    }
}
