package io.jcompose.model;

import java.util.Optional;

/** A port of a service: the container's {@code target}, and where it is published on the host, if anywhere. */
public record PortMapping(Optional<String> name, String mode, Optional<String> hostIp, int target,
                          Optional<String> published, String protocol, Optional<String> appProtocol) {

    static PortMapping from(Attributes a) {
        return new PortMapping(a.string("name"), a.string("mode").orElse("ingress"), a.string("host_ip"),
                a.number("target").orElse(0L).intValue(), a.string("published"),
                a.string("protocol").orElse("tcp"), a.string("app_protocol"));
    }
}
