package io.jcompose.planner.labels;

import io.jcompose.model.Network;
import io.jcompose.model.Volume;
import io.jcompose.model.emit.JsonEmitter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The {@link ComposeLabels#CONFIG_HASH} of a network or a volume: SHA-256 of its canonical JSON, so that a changed
 * definition is seen as diverged from what the backend holds.
 */
public final class ResourceHash {

    private ResourceHash() {
    }

    public static String of(Network network) {
        return sha256(network.attributes().values());
    }

    public static String of(Volume volume) {
        return sha256(volume.attributes().values());
    }

    private static String sha256(Map<String, Object> attributes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(JsonEmitter.compact(attributes).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
