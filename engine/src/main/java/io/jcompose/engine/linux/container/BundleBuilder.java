package io.jcompose.engine.linux.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.spi.ExecSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Makes what the OCI runtime reads: a container's {@code config.json} and an exec's {@code process.json}. */
public interface BundleBuilder {

    /**
     * Namespaces a container joins instead of making its own: the path of another process's namespace, e.g.
     * {@code /proc/<pid>/ns/net}; for the network, {@code host} means none of its own.
     */
    record Joins(Optional<String> network, Optional<String> ipc, Optional<String> pid) {
        public static final Joins NONE = new Joins(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * What the etc files need from the container's networks: its own address (for /etc/hosts), the name server
     * (the embedded DNS of its first network), and {@code links} as {@code address name} host entries.
     */
    record NetworkFiles(Optional<String> address, Optional<String> nameserver, List<String> hostEntries) {
        public static final NetworkFiles NONE = new NetworkFiles(Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * Writes the etc files ({@code hostname}, {@code hosts}, {@code resolv.conf}) into {@code etcDir} and returns the
     * runtime config of {@code record} over the mounted {@code rootfs}.
     */
    ObjectNode containerConfig(ContainerRecord record, ImageConfig image, Path rootfs, Path etcDir, Joins joins,
                               NetworkFiles network, String cgroupsPath);

    /** The process of an exec in the running container {@code record}. */
    ObjectNode execProcess(ContainerRecord record, ImageConfig image, Path rootfs, ExecSpec exec);
}
