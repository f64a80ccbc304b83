package io.jcompose.engine.linux.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.archive.HostPlatform;
import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The image a build step starts from or made: its full config JSON (as Docker writes it, {@code config},
 * {@code history} and {@code rootfs} included) and its layers. Each step derives the next one and stores it as an
 * untagged image, which is what the cache points at.
 */
public record StepImage(String id, ObjectNode json, List<StoredImage.Layer> layers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public StepImage {
        layers = List.copyOf(layers);
    }

    /** A stored image as a step's starting point. */
    public static StepImage of(ImageStore store, StoredImage image) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(store.readBlob(image.id()));
        if (!json.path("config").isObject()) {
            json.putObject("config");
        }
        if (!json.path("history").isArray()) {
            json.putArray("history");
        }
        return new StepImage(image.id(), json, image.layers());
    }

    /**
     * {@code FROM scratch}: no layers, the config BuildKit starts from (the default PATH, WorkingDir /); not stored
     * until a step adds to it.
     */
    public static StepImage scratch() {
        ObjectNode json = ImageConfig.emptyConfigJson(HostPlatform.architecture(), Instant.EPOCH);
        json.remove("created");
        ObjectNode config = (ObjectNode) json.get("config");
        config.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        config.put("WorkingDir", "/");
        return new StepImage("", json, List.of());
    }

    /** The {@code config} object: Env, Cmd, WorkingDir and the rest. */
    public ObjectNode config() {
        return (ObjectNode) json.get("config");
    }

    public List<String> diffIds() {
        return layers.stream().map(StoredImage.Layer::diffId).toList();
    }

    /** The environment as an ordered map, later entries winning. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : config().path("Env")) {
            String entry = e.asText();
            int eq = entry.indexOf('=');
            env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return env;
    }

    public String workingDir() {
        return config().path("WorkingDir").asText("");
    }

    public String user() {
        return config().path("User").asText("");
    }

    /** SHELL, or Docker's default. */
    public List<String> shell() {
        List<String> shell = new ArrayList<>();
        config().path("Shell").forEach(n -> shell.add(n.asText()));
        return shell.isEmpty() ? List.of("/bin/sh", "-c") : shell;
    }

    /** The ONBUILD triggers the image carries. */
    public List<String> onBuild() {
        List<String> out = new ArrayList<>();
        config().path("OnBuild").forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * Stores the next image: this one's config changed by {@code change}, with {@code layer} added when present,
     * and a history entry for {@code createdBy} ({@code empty_layer} when no layer was added).
     */
    public StepImage commit(ImageStore store, Consumer<ObjectNode> change, Optional<StoredImage.Layer> layer,
                            String createdBy, List<ImageName> names) throws IOException {
        return commit(store, change, layer, createdBy, names, List.of());
    }

    /**
     * As {@link #commit(ImageStore, Consumer, Optional, String, List)}, for a step that also read {@code sources}
     * (the stages and images of {@code COPY --from} and {@code RUN --mount=from=}): the new image records them
     * with this one as the images it was made from, which keeps them as build cache rather than dangling.
     */
    public StepImage commit(ImageStore store, Consumer<ObjectNode> change, Optional<StoredImage.Layer> layer,
                            String createdBy, List<ImageName> names, List<String> sources) throws IOException {
        ObjectNode next = json.deepCopy();
        change.accept((ObjectNode) next.get("config"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        next.put("created", now.toString());
        ObjectNode history = ((ArrayNode) next.get("history")).addObject();
        history.put("created", now.toString());
        history.put("created_by", createdBy);
        history.put("comment", "buildkit.dockerfile.v0");
        List<StoredImage.Layer> nextLayers = new ArrayList<>(layers);
        if (layer.isPresent()) {
            ((ArrayNode) next.get("rootfs").get("diff_ids")).add(layer.get().diffId());
            nextLayers.add(layer.get());
        } else {
            history.put("empty_layer", true);
        }
        List<String> parents = new ArrayList<>();
        if (!id.isEmpty()) {
            parents.add(id);
        }
        sources.stream().filter(s -> !s.isEmpty() && !parents.contains(s)).forEach(parents::add);
        StoredImage stored = store.addImage(JSON.writeValueAsBytes(next), nextLayers, names, Optional.empty(),
                parents);
        return new StepImage(stored.id(), next, nextLayers);
    }

    /** Points {@code names} at this image, storing it first when it never was (an unchanged {@code FROM scratch}). */
    public StepImage tag(ImageStore store, List<ImageName> names) throws IOException {
        if (id.isEmpty()) {
            StoredImage stored = store.addImage(JSON.writeValueAsBytes(json), layers, names, Optional.empty());
            return new StepImage(stored.id(), json, layers);
        }
        for (ImageName name : names) {
            store.tag(id, name);
        }
        return this;
    }
}
