package io.jcompose.model.emit;

import io.jcompose.model.source.KeyPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of keys in {@code config} output, as docker compose prints them: the field order of its structs where
 * it has one (ports, mounts, top-level resources), alphabetical for everything else (Go sorts map keys).
 */
final class KeyOrder {

    private static final Map<KeyPath, List<String>> STRUCTS = new LinkedHashMap<>();

    static {
        STRUCTS.put(KeyPath.ROOT, List.of("name", "services", "networks", "volumes", "secrets", "configs",
                "models"));
        STRUCTS.put(KeyPath.parse("services.*.ports.*"), List.of("name", "mode", "host_ip", "target", "published",
                "protocol", "app_protocol"));
        STRUCTS.put(KeyPath.parse("services.*.volumes.*"), List.of("type", "source", "target", "read_only",
                "consistency", "bind", "volume", "tmpfs", "image"));
        STRUCTS.put(KeyPath.parse("services.*.volumes.*.bind"), List.of("propagation", "create_host_path",
                "recursive", "selinux"));
        STRUCTS.put(KeyPath.parse("services.*.depends_on.*"), List.of("condition", "restart", "required"));
        STRUCTS.put(KeyPath.parse("services.*.build"), List.of("context", "dockerfile", "dockerfile_inline"));
        STRUCTS.put(KeyPath.parse("services.*.healthcheck"), List.of("test", "timeout", "interval", "retries",
                "start_period", "start_interval", "disable"));
        STRUCTS.put(KeyPath.parse("services.*.env_file.*"), List.of("path", "required", "format"));
        STRUCTS.put(KeyPath.parse("networks.*"), List.of("name", "driver", "driver_opts", "ipam", "external",
                "internal", "enable_ipv4", "enable_ipv6", "attachable", "labels"));
        STRUCTS.put(KeyPath.parse("volumes.*"), List.of("name", "driver", "driver_opts", "external", "labels"));
        STRUCTS.put(KeyPath.parse("secrets.*"), List.of("name", "file", "environment", "content", "external"));
        STRUCTS.put(KeyPath.parse("configs.*"), List.of("name", "file", "environment", "content", "external"));
    }

    private KeyOrder() {
    }

    static List<String> keys(KeyPath path, Map<String, ?> map) {
        List<String> keys = new ArrayList<>(map.keySet());
        for (Map.Entry<KeyPath, List<String>> e : STRUCTS.entrySet()) {
            if (path.matches(e.getKey())) {
                List<String> order = e.getValue();
                keys.sort(Comparator.comparingInt((String k) -> {
                    int i = order.indexOf(k);
                    return i < 0 ? Integer.MAX_VALUE : i;
                }).thenComparing(Comparator.naturalOrder()));
                return keys;
            }
        }
        keys.sort(Comparator.naturalOrder());
        return keys;
    }
}
