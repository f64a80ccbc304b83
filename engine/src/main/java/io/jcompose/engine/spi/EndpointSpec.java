package io.jcompose.engine.spi;

import java.util.List;
import java.util.Optional;

/** How a container joins a network: the names it answers to there, and fixed addresses if any. */
public record EndpointSpec(List<String> aliases, Optional<String> ipv4Address, Optional<String> ipv6Address,
                           Optional<String> macAddress) {

    public EndpointSpec {
        aliases = List.copyOf(aliases);
    }
}
