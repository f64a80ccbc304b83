package io.jcompose.engine.spi;

import java.util.Map;
import java.util.Optional;

/** Named volumes. */
public interface VolumeOps {

    /** Creates it; one that already exists is a success. */
    void create(VolumeSpec spec);

    /** Removes it; already gone is a success, one in use is a {@link ConflictException}. */
    void remove(String name);

    Optional<VolumeInfo> inspect(String name);

    /** A volume to create. */
    record VolumeSpec(String name, Optional<String> driver, Map<String, String> driverOpts,
                      Map<String, String> labels) {
    }

    /** A volume as the backend has it. */
    record VolumeInfo(String name, String driver, String mountpoint, Map<String, String> labels) {
    }
}
