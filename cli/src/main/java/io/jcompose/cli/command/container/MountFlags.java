package io.jcompose.cli.command.container;

import io.jcompose.cli.UsageException;
import io.jcompose.engine.spi.ContainerSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code -v SRC:DST[:OPTS]} and {@code --mount type=…,…} as {@code docker run} reads them. */
final class MountFlags {

    private MountFlags() {
    }

    /**
     * {@code -v}: a source that is a path is a bind mount (its directory made when missing, as docker does), a name
     * is a named volume, and no source at all is an anonymous volume.
     */
    static ContainerSpec.MountSpec volume(String flag, Path cwd) {
        String[] parts = flag.split(":", -1);
        if (parts.length > 3 || parts.length == 0 || parts[0].isEmpty()) {
            throw new UsageException("invalid volume specification: '" + flag + "'");
        }
        if (parts.length == 1) {
            return mount("volume", Optional.empty(), target(parts[0], flag), false, Optional.empty(), false, true);
        }
        String source = parts[0];
        String target = target(parts[1], flag);
        boolean readOnly = false;
        boolean noCopy = false;
        Optional<String> propagation = Optional.empty();
        if (parts.length == 3) {
            for (String option : parts[2].split(",")) {
                switch (option) {
                    case "ro" -> readOnly = true;
                    case "rw", "z", "Z", "" -> { }
                    case "nocopy" -> noCopy = true;
                    case "shared", "rshared", "slave", "rslave", "private", "rprivate" ->
                            propagation = Optional.of(option);
                    default -> throw new UsageException("invalid mode: " + option);
                }
            }
        }
        boolean bind = source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
        if (bind) {
            return mount("bind", Optional.of(cwd.resolve(source).normalize().toString()), target, readOnly,
                    propagation, false, true);
        }
        if (!source.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+")) {
            throw new UsageException("\"" + source + "\" includes invalid characters for a local volume name, only"
                    + " \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use"
                    + " absolute path");
        }
        return mount("volume", Optional.of(source), target, readOnly, Optional.empty(), noCopy, false);
    }

    /** {@code --mount type=volume|bind|tmpfs,source=…,target=…,readonly,…}; a bind source must exist. */
    static ContainerSpec.MountSpec mount(String flag, Path cwd) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : flag.split(",")) {
            int eq = field.indexOf('=');
            fields.put((eq < 0 ? field : field.substring(0, eq)).strip().toLowerCase(),
                    eq < 0 ? "true" : field.substring(eq + 1).strip());
        }
        String type = fields.getOrDefault("type", "volume");
        Optional<String> source = first(fields, "source", "src");
        String target = first(fields, "target", "destination", "dst").orElseThrow(() ->
                new UsageException("invalid argument \"" + flag + "\" for \"--mount\" flag: target is required"));
        boolean readOnly = first(fields, "readonly", "ro").map(v -> v.equals("true") || v.equals("1"))
                .orElse(false);
        return switch (type) {
            case "bind" -> mount("bind", Optional.of(cwd.resolve(source.orElseThrow(() -> new UsageException(
                    "invalid argument \"" + flag + "\" for \"--mount\" flag: source is required for a bind mount")))
                    .normalize().toString()), target(target, flag), readOnly,
                    Optional.ofNullable(fields.get("bind-propagation")), false, false);
            case "volume" -> mount("volume", source.filter(s -> !s.isEmpty()), target(target, flag), readOnly,
                    Optional.empty(), Boolean.parseBoolean(fields.getOrDefault("volume-nocopy", "false")), false);
            case "tmpfs" -> new ContainerSpec.MountSpec("tmpfs", Optional.empty(), target(target, flag), false,
                    Optional.empty(), false, Optional.empty(),
                    Optional.ofNullable(fields.get("tmpfs-size")).map(Sizes::bytes), false, Map.of());
            default -> throw new UsageException("invalid argument \"" + flag + "\" for \"--mount\" flag: type \""
                    + type + "\" is not one of volume, bind, tmpfs");
        };
    }

    private static ContainerSpec.MountSpec mount(String type, Optional<String> source, String target,
                                                 boolean readOnly, Optional<String> propagation, boolean noCopy,
                                                 boolean createHostPath) {
        return new ContainerSpec.MountSpec(type, source, target, readOnly, propagation, noCopy, Optional.empty(),
                Optional.empty(), createHostPath, Map.of());
    }

    private static Optional<String> first(Map<String, String> fields, String... keys) {
        for (String key : keys) {
            if (fields.containsKey(key)) {
                return Optional.of(fields.get(key));
            }
        }
        return Optional.empty();
    }

    private static String target(String target, String flag) {
        if (!target.startsWith("/")) {
            throw new UsageException("invalid volume specification: '" + flag + "': mount path must be absolute");
        }
        return target;
    }
}
