package io.jcompose.engine.docker;

import com.github.dockerjava.api.command.CreateVolumeCmd;
import io.jcompose.engine.spi.NotFoundException;
import io.jcompose.engine.spi.VolumeOps;
import java.util.Map;
import java.util.Optional;

/** Named volumes on the Docker daemon. */
final class DockerVolumes implements VolumeOps {

    private final DockerCalls calls;

    DockerVolumes(DockerCalls calls) {
        this.calls = calls;
    }

    /** The daemon itself treats creating an existing volume as a success, which is what the SPI asks. */
    @Override
    public void create(VolumeSpec spec) {
        calls.run("create volume " + spec.name(), c -> {
            CreateVolumeCmd cmd = c.createVolumeCmd().withName(spec.name()).withLabels(spec.labels())
                    .withDriverOpts(spec.driverOpts());
            spec.driver().ifPresent(cmd::withDriver);
            cmd.exec();
        });
    }

    @Override
    public void remove(String name) {
        try {
            calls.run("remove volume " + name, c -> c.removeVolumeCmd(name).exec());
        } catch (NotFoundException gone) {
            // already gone is what was asked for
        }
    }

    @Override
    public Optional<VolumeInfo> inspect(String name) {
        return calls.find("inspect volume " + name, c -> c.inspectVolumeCmd(name).exec())
                .map(v -> new VolumeInfo(v.getName(), v.getDriver(), v.getMountpoint(),
                        v.getLabels() == null ? Map.of() : v.getLabels()));
    }
}
