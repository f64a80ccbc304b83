package io.jcompose.engine.spec;

import io.jcompose.engine.spi.VolumeOps.VolumeSpec;
import io.jcompose.model.Volume;
import io.jcompose.planner.labels.ComposeLabels;

/** The {@link VolumeSpec} of a project volume, labelled as docker compose labels the volumes it creates. */
public final class VolumeSpecs {

    private VolumeSpecs() {
    }

    /** The volume to create for {@code volume} of {@code project}; external volumes are never created. */
    public static VolumeSpec of(String project, Volume volume, String version) {
        return new VolumeSpec(volume.name(), volume.driver(), volume.driverOpts(),
                ComposeLabels.volume(project, volume, version));
    }
}
