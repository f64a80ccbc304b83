package io.jcompose.engine.linux.oci;

import io.jcompose.engine.spi.ContainerSpec.MountSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A mount of the spec with its host side decided: a bind's absolute host path, a volume's {@code _data} directory;
 * a tmpfs has none.
 */
public record ResolvedMount(MountSpec spec, Optional<Path> hostSource) {

    public ResolvedMount {
        hostSource.ifPresent(p -> {
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("mount source for " + spec.target() + " must be absolute: " + p);
            }
        });
    }

    public static ResolvedMount tmpfs(MountSpec spec) {
        return new ResolvedMount(spec, Optional.empty());
    }

    public static ResolvedMount of(MountSpec spec, Path hostSource) {
        return new ResolvedMount(spec, Optional.of(hostSource));
    }
}
