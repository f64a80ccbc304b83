package io.jcompose.engine.linux.network;

import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Linux bridges: one per network, holding the gateway address, and the per-bridge and host-wide sysctls it needs. */
final class Bridges {

    private static final Path SYS_NET = Path.of("/sys/class/net");
    private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");

    private final Commands commands;

    Bridges(Commands commands) {
        this.commands = commands;
    }

    static boolean exists(String link) {
        return Files.exists(SYS_NET.resolve(link));
    }

    /** Creates the bridge if missing, or fixes its address, MTU, state; the MAC is fixed so it never follows ports. */
    void ensure(BridgeNetwork n) {
        Subnet subnet = Subnet.parse(n.subnet());
        int gateway = Subnet.address(n.gateway());
        String mac = MacAddresses.forAddress(gateway);
        if (!exists(n.bridge())) {
            Commands.Result r = commands.run(List.of("ip", "link", "add", "name", n.bridge(), "address", mac, "mtu",
                    Integer.toString(n.mtu()), "type", "bridge"));
            if (!r.ok() && !exists(n.bridge())) {
                throw new RuntimeFailureException("cannot create bridge " + n.bridge() + " for network " + n.name()
                        + ": " + r.complaint());
            }
        } else if (!Files.isDirectory(SYS_NET.resolve(n.bridge()).resolve("bridge"))) {
            throw new RuntimeFailureException("network " + n.name() + ": interface " + n.bridge()
                    + " exists and is not a bridge");
        }
        String address = n.gateway() + "/" + subnet.prefix();
        String batch = "link set dev " + n.bridge() + " mtu " + n.mtu() + "\n"
                + "address replace " + address + " dev " + n.bridge() + "\n"
                + "link set dev " + n.bridge() + " up\n";
        commands.check(List.of("ip", "-batch", "-"), batch);
        // DNAT of host-loopback connections into the bridge: without it the kernel drops 127.0.0.1 sources there
        writeSysctl(Path.of("/proc/sys/net/ipv4/conf", n.bridge(), "route_localnet"), "1");
        enableForwarding();
    }

    /** Deletes the bridge; gone already is fine. */
    void delete(String bridge) {
        if (exists(bridge)) {
            Commands.Result r = commands.run(List.of("ip", "link", "del", "dev", bridge));
            if (!r.ok() && exists(bridge)) {
                throw new RuntimeFailureException("cannot delete bridge " + bridge + ": " + r.complaint());
            }
        }
    }

    /** Bridges of ours, by name prefix (for leak checks). */
    static List<String> present(String prefix) {
        List<String> out = new ArrayList<>();
        try (var links = Files.list(SYS_NET)) {
            links.map(p -> p.getFileName().toString()).filter(l -> l.startsWith(prefix)).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot list " + SYS_NET + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Routing between the bridges and the host's other interfaces: host-wide, and Docker sets it the same way. */
    private static void enableForwarding() {
        try {
            if (!Files.readString(IP_FORWARD).trim().equals("1")) {
                writeSysctl(IP_FORWARD, "1");
            }
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot read " + IP_FORWARD + ": " + e.getMessage(), e);
        }
    }

    private static void writeSysctl(Path path, String value) {
        try {
            Files.writeString(path, value);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot set " + path + " to " + value + ": " + e.getMessage(), e);
        }
    }
}
