package io.jcompose.engine.linux.network;

import io.jcompose.engine.spi.RuntimeFailureException;
import java.nio.file.Path;
import java.util.List;

/** The veth pair of an endpoint: host end on the network's bridge, container end in the container's namespace. */
final class Veths {

    private final Commands commands;

    Veths(Commands commands) {
        this.commands = commands;
    }

    /**
     * Makes the pair (a leftover host end of the same endpoint is replaced), configures the container end and
     * plugs the host end into the bridge with hairpin on, so a container reaching its own published port through
     * the host gets its packets back through the same port.
     */
    void create(Path netns, BridgeNetwork n, String hostVeth, String ifname, String address, String mac,
                boolean defaultRoute) {
        delete(hostVeth);
        String mtu = Integer.toString(n.mtu());
        commands.check(List.of("ip", "link", "add", "name", hostVeth, "mtu", mtu, "type", "veth", "peer", "name",
                ifname, "mtu", mtu, "netns", netns.toString()));
        try {
            int prefix = Subnet.parse(n.subnet()).prefix();
            StringBuilder inside = new StringBuilder()
                    .append("link set dev ").append(ifname).append(" address ").append(mac).append('\n')
                    .append("addr add ").append(address).append('/').append(prefix).append(" dev ").append(ifname)
                    .append('\n')
                    .append("link set dev ").append(ifname).append(" up\n");
            if (defaultRoute) {
                inside.append("route replace default via ").append(n.gateway()).append(" dev ").append(ifname)
                        .append('\n');
            }
            commands.check(List.of("nsenter", "--net=" + netns, "ip", "-batch", "-"), inside.toString());
            commands.check(List.of("ip", "-batch", "-"), "link set dev " + hostVeth + " master " + n.bridge() + "\n"
                    + "link set dev " + hostVeth + " type bridge_slave hairpin on\n"
                    + "link set dev " + hostVeth + " up\n");
        } catch (RuntimeException e) {
            delete(hostVeth);
            throw e;
        }
    }

    /** Deletes the pair by its host end; gone already is fine. */
    void delete(String hostVeth) {
        if (Bridges.exists(hostVeth)) {
            Commands.Result r = commands.run(List.of("ip", "link", "del", "dev", hostVeth));
            if (!r.ok() && Bridges.exists(hostVeth)) {
                throw new RuntimeFailureException("cannot delete " + hostVeth + ": " + r.complaint());
            }
        }
    }
}
