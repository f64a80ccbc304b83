package io.jcompose.model;

import java.util.List;
import java.util.Optional;

/** How a service joins one network: aliases, fixed addresses, priority. */
public record ServiceNetwork(List<String> aliases, Optional<String> ipv4Address, Optional<String> ipv6Address,
                             Optional<String> macAddress, long priority) {

    static ServiceNetwork from(Attributes a) {
        return new ServiceNetwork(a.strings("aliases"), a.string("ipv4_address"), a.string("ipv6_address"),
                a.string("mac_address"), a.number("priority").orElse(0L));
    }
}
