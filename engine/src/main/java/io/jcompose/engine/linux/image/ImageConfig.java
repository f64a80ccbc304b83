package io.jcompose.engine.linux.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an OCI / Docker image configuration that running a container needs. {@code entrypoint} and
 * {@code cmd} are empty when the image does not set them (not the same as set to an empty list).
 *
 * @param diffIds the uncompressed layer digests, lowest first: the image's identity together with the config
 */
public record ImageConfig(String architecture, String os, Optional<Instant> created, List<String> env,
                          Optional<List<String>> entrypoint, Optional<List<String>> cmd, String workingDir,
                          String user, List<String> exposedPorts, List<String> volumes, Map<String, String> labels,
                          Optional<String> stopSignal, Optional<Healthcheck> healthcheck, List<String> diffIds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ImageConfig {
        env = List.copyOf(env);
        entrypoint = entrypoint.map(List::copyOf);
        cmd = cmd.map(List::copyOf);
        exposedPorts = List.copyOf(exposedPorts);
        volumes = List.copyOf(volumes);
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        diffIds = List.copyOf(diffIds);
    }

    /** A healthcheck as images carry it (durations already parsed from nanoseconds). */
    public record Healthcheck(List<String> test, Optional<Duration> interval, Optional<Duration> timeout,
                              Optional<Duration> startPeriod, Optional<Duration> startInterval,
                              Optional<Integer> retries) {
    }

    /** Parses a config blob; anything malformed is an {@link IOException} naming the problem. */
    public static ImageConfig parse(byte[] json) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IOException("image config is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("image config is not a JSON object");
        }
        JsonNode config = root.path("config");
        List<String> diffIds = strings(root.path("rootfs").path("diff_ids"));
        for (String d : diffIds) {
            if (!Digests.isValid(d)) {
                throw new IOException("image config has a layer diff id that is not a sha256 digest: " + d);
            }
        }
        Optional<Instant> created = Optional.empty();
        if (root.hasNonNull("created")) {
            try {
                created = Optional.of(Instant.parse(root.get("created").asText()));
            } catch (RuntimeException ignored) {
                // some tools write local times or nothing useful: the date is informative only
            }
        }
        Optional<Healthcheck> health = Optional.empty();
        JsonNode hc = config.path("Healthcheck");
        if (hc.isObject() && hc.path("Test").isArray()) {
            health = Optional.of(new Healthcheck(strings(hc.path("Test")), nanos(hc.path("Interval")),
                    nanos(hc.path("Timeout")), nanos(hc.path("StartPeriod")), nanos(hc.path("StartInterval")),
                    hc.path("Retries").isInt() && hc.path("Retries").asInt() > 0
                            ? Optional.of(hc.path("Retries").asInt()) : Optional.empty()));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return new ImageConfig(root.path("architecture").asText("amd64"), root.path("os").asText("linux"), created,
                strings(config.path("Env")), optionalStrings(config.path("Entrypoint")),
                optionalStrings(config.path("Cmd")), config.path("WorkingDir").asText(""),
                config.path("User").asText(""), keys(config.path("ExposedPorts")), keys(config.path("Volumes")),
                labels, config.hasNonNull("StopSignal") && !config.get("StopSignal").asText().isEmpty()
                        ? Optional.of(config.get("StopSignal").asText()) : Optional.empty(), health, diffIds);
    }

    /** The image's environment as a map, later entries winning (as the runtime applies them). */
    public Map<String, String> envMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : env) {
            int eq = entry.indexOf('=');
            map.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        return map;
    }

    /** A minimal config for an image made from a root filesystem ({@code image import}), to be completed by changes. */
    public static ObjectNode emptyConfigJson(String architecture, Instant created) {
        ObjectNode root = JSON.createObjectNode();
        root.put("architecture", architecture);
        root.put("os", "linux");
        root.put("created", created.toString());
        root.putObject("config");
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids");
        root.putArray("history");
        return root;
    }

    private static Optional<Duration> nanos(JsonNode node) {
        return node.isNumber() && node.asLong() > 0 ? Optional.of(Duration.ofNanos(node.asLong())) : Optional.empty();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node instanceof ArrayNode array) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static Optional<List<String>> optionalStrings(JsonNode node) {
        return node.isArray() ? Optional.of(strings(node)) : Optional.empty();
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
