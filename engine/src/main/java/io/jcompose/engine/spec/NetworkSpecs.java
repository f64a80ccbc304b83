package io.jcompose.engine.spec;

import io.jcompose.engine.spi.NetworkOps.IpamConfig;
import io.jcompose.engine.spi.NetworkOps.NetworkSpec;
import io.jcompose.model.Attributes;
import io.jcompose.model.Network;
import io.jcompose.planner.labels.ComposeLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@link NetworkSpec} of a project network, labelled as docker compose labels the networks it creates. */
public final class NetworkSpecs {

    private NetworkSpecs() {
    }

    /** The network to create for {@code network} of {@code project}; external networks are never created. */
    public static NetworkSpec of(String project, Network network, String version) {
        Attributes a = network.attributes();
        return new NetworkSpec(network.name(), network.driver(), network.driverOpts(),
                ComposeLabels.network(project, network, version), network.internal(), a.bool("attachable"),
                a.bool("enable_ipv6"), ipam(a));
    }

    private static List<IpamConfig> ipam(Attributes a) {
        List<IpamConfig> out = new ArrayList<>();
        a.object("ipam").ifPresent(ipam -> {
            for (Object pool : ipam.list("config")) {
                if (pool instanceof Map<?, ?> m) {
                    Attributes p = Attributes.of(cast(m));
                    out.add(new IpamConfig(p.string("subnet"), p.string("ip_range"), p.string("gateway")));
                }
            }
        });
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
