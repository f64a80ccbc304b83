package io.jcompose.engine.linux.volume;

import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStore;
import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.VolumeOps;
import java.util.List;
import java.util.Optional;

/** Volume operations of the built-in runtime: the store's volumes, refusing to remove one a container uses. */
public final class LinuxVolumes implements VolumeOps {

    private final VolumeStore volumes;
    private final ContainerStore containers;

    public LinuxVolumes(VolumeStore volumes, ContainerStore containers) {
        this.volumes = volumes;
        this.containers = containers;
    }

    @Override
    public void create(VolumeSpec spec) {
        volumes.create(spec);
    }

    @Override
    public void remove(String name) {
        List<String> users = users(name);
        if (!users.isEmpty()) {
            throw new ConflictException("remove " + name + ": volume is in use - [" + String.join(", ", users) + "]");
        }
        volumes.delete(name);
    }

    @Override
    public Optional<VolumeInfo> inspect(String name) {
        return volumes.inspect(name);
    }

    /** The ids of the containers (running or not) that mount {@code name}. */
    public List<String> users(String name) {
        return containers.list().stream().filter(c -> c.volumes().contains(name)).map(ContainerRecord::id).toList();
    }

    public VolumeStore store() {
        return volumes;
    }
}
