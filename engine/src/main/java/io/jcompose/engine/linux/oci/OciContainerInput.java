package io.jcompose.engine.linux.oci;

import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.spi.ContainerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything decided before a container's OCI config is written.
 *
 * @param containerId the container's id; its first 12 characters are the default hostname
 * @param rootfs      the absolute path of the mounted root filesystem (the overlay's merged directory)
 * @param mounts      the spec's mounts with their host sources resolved, in any order
 * @param etc         the generated /etc/hostname, /etc/hosts and /etc/resolv.conf to bind
 * @param network     host (no entry), private, or a namespace to join ({@code /run/netns/x}, {@code /proc/<pid>/ns/net})
 * @param ipc         the same for IPC; {@code ipc: none} is {@link Namespace.Private} and the spec's {@code ipc}
 * @param pid         the same for PIDs
 * @param shmSource   a host directory to bind at /dev/shm (e.g. the host's for {@code ipc: host}, or the
 *                    {@code /proc/<pid>/root/dev/shm} of the container whose IPC is joined); empty: a new tmpfs
 * @param cgroupsPath such as {@code /jcompose/<project>/<id>}
 * @param initBinary  the host's init, needed when the spec has {@code init: true} (see {@link InitBinary#locate()})
 */
public record OciContainerInput(ContainerSpec spec, ImageConfig image, String containerId, Path rootfs,
                                List<ResolvedMount> mounts, OciMounts.EtcBinds etc, Namespace network,
                                Namespace ipc, Namespace pid, Optional<Path> shmSource, String cgroupsPath,
                                Optional<Path> initBinary, HostFacts host) {

    public OciContainerInput {
        mounts = List.copyOf(mounts);
        if (!rootfs.isAbsolute()) {
            // runtimes resolve a relative root against the bundle, which is never what is meant here
            throw new IllegalArgumentException("the rootfs path must be absolute: " + rootfs);
        }
    }
}
