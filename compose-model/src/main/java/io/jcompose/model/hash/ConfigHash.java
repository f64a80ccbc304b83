package io.jcompose.model.hash;

import io.jcompose.model.Service;
import io.jcompose.model.emit.JsonEmitter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code com.docker.compose.config-hash} of a service: SHA-256 of its canonical JSON without the attributes that
 * do not change the container (build, pull_policy, scale and deploy.replicas, depends_on, profiles).
 */
public final class ConfigHash {

    private ConfigHash() {
    }

    public static String of(Service service) {
        Map<String, Object> attributes = new LinkedHashMap<>(service.attributes().values());
        attributes.remove("build");
        attributes.remove("pull_policy");
        attributes.remove("scale");
        attributes.remove("depends_on");
        attributes.remove("profiles");
        // extensions are not part of the JSON docker compose hashes (its struct tags leave them out)
        attributes.keySet().removeIf(key -> key.startsWith("x-"));
        if (attributes.get("deploy") instanceof Map<?, ?> deploy && deploy.containsKey("replicas")) {
            Map<Object, Object> copy = new LinkedHashMap<>(deploy);
            copy.remove("replicas");
            attributes.put("deploy", copy);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(JsonEmitter.compact(attributes).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
