package io.jcompose.engine.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Networks. */
public interface NetworkOps {

    /** Creates it and returns its id; a name already taken is a {@link ConflictException}. */
    String create(NetworkSpec spec);

    /** Removes it; already gone is a success, one with containers attached is a {@link ConflictException}. */
    void remove(String name);

    Optional<NetworkInfo> inspect(String name);

    /** A network to create. */
    record NetworkSpec(String name, Optional<String> driver, Map<String, String> driverOpts,
                       Map<String, String> labels, boolean internal, boolean attachable, boolean enableIpv6,
                       List<IpamConfig> ipam) {
    }

    /** One address range of a network. */
    record IpamConfig(Optional<String> subnet, Optional<String> ipRange, Optional<String> gateway) {
    }

    /** A network as the backend has it. */
    record NetworkInfo(String id, String name, String driver, Map<String, String> labels, List<String> containers) {
    }
}
