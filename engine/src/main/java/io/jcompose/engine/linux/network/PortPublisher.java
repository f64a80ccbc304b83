package io.jcompose.engine.linux.network;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Published ports by DNAT: no proxy process to keep alive, and packets stay in the kernel. A port is claimed only
 * when nobody has it: no process can bind it and no published port of ours (this store's records, or any DNAT rule
 * of ours on the host) holds it. What is bound is recorded per container under the run root, since the rules are
 * gone after a reboot too. Callers hold the store's network lock.
 */
final class PortPublisher {

    /** One published port as recorded: enough to report it and to find what holds a host port. */
    record Binding(int containerPort, String protocol, String hostIp, int hostPort, String containerIp,
                   String bridge) {
        PublishedPort published() {
            return new PublishedPort(containerPort, protocol, hostIp, hostPort);
        }

        /** Whether it and a claim on {@code ip}:{@code port} cannot both be: 0.0.0.0 takes the port on every address. */
        boolean clashes(String protocol, String ip, int port) {
            return this.protocol.equals(protocol) && hostPort == port
                    && (hostIp.equals(ip) || hostIp.equals(ANY) || ip.equals(ANY));
        }
    }

    static final String ANY = "0.0.0.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Binding>> BINDINGS = new TypeReference<>() {
    };
    /** A DNAT rule of ours as iptables-save prints it: protocol, then {@code -d ip/32} or the LOCAL address type. */
    private static final Pattern DNAT = Pattern.compile("(?:-d (\\S+)/32 )?-p (tcp|udp) (?:-m addrtype --dst-type"
            + " LOCAL )?-m (?:tcp|udp) --dport (\\d+) -m comment --comment \"?jcompose:([^\" ]+)");

    private final Path dir;
    private final Firewall firewall;

    PortPublisher(Path dir, Firewall firewall) {
        this.dir = dir;
        this.firewall = firewall;
    }

    List<PublishedPort> publish(String containerId, BridgeNetwork network, String containerIp,
                                List<ContainerSpec.PortSpec> ports) {
        if (network.internal() && !ports.isEmpty()) {
            throw new RuntimeFailureException("cannot publish ports on internal network " + network.name());
        }
        String tag = tag(containerId);
        List<Binding> claimed = claimedByOthers(containerId);
        List<Binding> previous = read(containerId);
        List<Binding> bound = new ArrayList<>();
        // every port is settled before any rule is made: a refused one leaves nothing behind
        for (ContainerSpec.PortSpec spec : ports) {
            String protocol = spec.protocol() == null || spec.protocol().isBlank() ? "tcp"
                    : spec.protocol().toLowerCase(Locale.ROOT);
            if (!protocol.equals("tcp") && !protocol.equals("udp")) {
                throw new RuntimeFailureException("cannot publish port " + spec.containerPort() + "/" + protocol
                        + ": only tcp and udp");
            }
            if (spec.containerPort() < 1 || spec.containerPort() > 65535) {
                throw new RuntimeFailureException("invalid container port " + spec.containerPort());
            }
            String hostIp = hostIp(spec.hostIp());
            HostPorts range;
            try {
                range = HostPorts.parse(spec.hostPort());
            } catch (IllegalArgumentException e) {
                throw new RuntimeFailureException(e.getMessage());
            }
            List<Binding> taken = new ArrayList<>(claimed);
            taken.addAll(bound);
            int port = choose(protocol, hostIp, range, spec.containerPort(), previous, taken);
            bound.add(new Binding(spec.containerPort(), protocol, hostIp, port, containerIp, network.bridge()));
        }
        List<Firewall.Rule> rules = new ArrayList<>();
        for (Binding b : bound) {
            rules.addAll(rules(b));
        }
        firewall.replace(tag, rules);
        write(containerId, bound);
        return bound.stream().map(Binding::published).toList();
    }

    /**
     * Fails when a fixed host port of {@code ports} is taken now (by any process, or published by a container other
     * than those of {@code replaced}, which are about to give theirs up): checked when a container is created, so
     * that a clash stops an {@code up} before anything of it has started.
     */
    void check(java.util.Set<String> replaced, List<ContainerSpec.PortSpec> ports) {
        List<Binding> taken = new ArrayList<>();
        for (Path f : files()) {
            String id = f.getFileName().toString().replaceFirst("\\.json$", "");
            if (!replaced.contains(id)) {
                taken.addAll(read(id));
            }
        }
        for (ContainerSpec.PortSpec spec : ports) {
            HostPorts range;
            try {
                range = HostPorts.parse(spec.hostPort());
            } catch (IllegalArgumentException e) {
                throw new RuntimeFailureException(e.getMessage());
            }
            if (range.any() || range.first() != range.last()) {
                continue;
            }
            String protocol = spec.protocol() == null || spec.protocol().isBlank() ? "tcp"
                    : spec.protocol().toLowerCase(Locale.ROOT);
            String hostIp = hostIp(spec.hostIp());
            if (!free(protocol, hostIp, range.first(), taken)) {
                throw new ConflictException("Bind for " + hostIp + ":" + range.first()
                        + " failed: port is already allocated");
            }
        }
    }

    void unpublish(String containerId) {
        firewall.remove(tag(containerId));
        try {
            Files.deleteIfExists(file(containerId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Published ports by container id. */
    Map<String, List<PublishedPort>> all() {
        Map<String, List<PublishedPort>> out = new LinkedHashMap<>();
        for (Path f : files()) {
            String id = f.getFileName().toString().replaceFirst("\\.json$", "");
            out.put(id, read(id).stream().map(Binding::published).toList());
        }
        return out;
    }

    /** Rules of one published port: DNAT for packets from outside and from the host, and the hairpin's SNAT. */
    static List<Firewall.Rule> rules(Binding b) {
        String p = b.protocol();
        String to = b.hostIp().equals(ANY) ? "-m addrtype --dst-type LOCAL" : "-d " + b.hostIp() + "/32";
        String dnat = "-p " + p + " " + to + " -m " + p + " --dport " + b.hostPort();
        String target = "-j DNAT --to-destination " + b.containerIp() + ":" + b.containerPort();
        return List.of(new Firewall.Rule(Firewall.Chain.PREROUTING, false, dnat, target),
                new Firewall.Rule(Firewall.Chain.OUTPUT, false, dnat, target),
                // a container reaching its own published port: its reply must not go to itself directly
                new Firewall.Rule(Firewall.Chain.POSTROUTING, false, "-s " + b.containerIp() + "/32 -d "
                        + b.containerIp() + "/32 -p " + p + " -m " + p + " --dport " + b.containerPort(),
                        "-j MASQUERADE"));
    }

    static String tag(String containerId) {
        return containerId.substring(0, Math.min(12, containerId.length()));
    }

    private int choose(String protocol, String hostIp, HostPorts range, int containerPort, List<Binding> previous,
                       List<Binding> taken) {
        String where = hostIp + ":" + (range.any() ? "0" : range);
        // a restarted container gets its former port again when it is still free
        for (Binding b : previous) {
            if (b.containerPort() == containerPort && b.protocol().equals(protocol) && b.hostIp().equals(hostIp)
                    && range.contains(b.hostPort()) && free(protocol, hostIp, b.hostPort(), taken)) {
                return b.hostPort();
            }
        }
        if (range.any()) {
            for (int attempt = 0; attempt < 50; attempt++) {
                int port = kernelPicked(protocol, hostIp, where);
                if (free(protocol, hostIp, port, taken)) {
                    return port;
                }
            }
            throw new ConflictException("Bind for " + where + " failed: no free port found");
        }
        for (int port = range.first(); port <= range.last(); port++) {
            if (free(protocol, hostIp, port, taken)) {
                return port;
            }
        }
        throw new ConflictException("Bind for " + hostIp + ":" + range + " failed: port is already allocated");
    }

    /** Not held by a published port of ours and bindable; an address that is not the host's is an error. */
    private static boolean free(String protocol, String hostIp, int port, List<Binding> taken) {
        if (taken.stream().anyMatch(b -> b.clashes(protocol, hostIp, port))) {
            return false;
        }
        try (NetworkChannel ignored = bind(protocol, hostIp, port)) {
            return true;
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                return false;
            }
            throw new RuntimeFailureException("Bind for " + hostIp + ":" + port + " failed: " + e.getMessage());
        } catch (IOException e) {
            throw new RuntimeFailureException("Bind for " + hostIp + ":" + port + " failed: " + e.getMessage(), e);
        }
    }

    private static int kernelPicked(String protocol, String hostIp, String where) {
        try (NetworkChannel channel = bind(protocol, hostIp, 0)) {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new RuntimeFailureException("Bind for " + where + " failed: " + e.getMessage(), e);
        }
    }

    /** IPv4 sockets only: a dual-stack one would say nothing about the IPv4 port that DNAT takes. */
    private static NetworkChannel bind(String protocol, String hostIp, int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(hostIp), port);
        if (protocol.equals("tcp")) {
            ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
            try {
                return channel.bind(address);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            return channel.bind(address);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static String hostIp(Optional<String> given) {
        String ip = given.map(String::trim).filter(s -> !s.isEmpty()).orElse(ANY);
        if (ip.startsWith("[") || ip.contains(":")) {
            throw new RuntimeFailureException("cannot publish on " + ip + ": IPv6 host addresses are not supported"
                    + " by the built-in runtime");
        }
        try {
            return Subnet.format(Subnet.address(ip));
        } catch (IllegalArgumentException e) {
            throw new RuntimeFailureException("invalid host_ip " + ip);
        }
    }

    /** Host ports held by published ports of other containers: our records, and DNAT rules of other stores. */
    private List<Binding> claimedByOthers(String containerId) {
        List<Binding> out = new ArrayList<>();
        for (Path f : files()) {
            String id = f.getFileName().toString().replaceFirst("\\.json$", "");
            if (!id.equals(containerId)) {
                out.addAll(read(id));
            }
        }
        for (String line : firewall.lines(Firewall.Chain.PREROUTING)) {
            Matcher m = DNAT.matcher(line);
            if (m.find() && !m.group(4).equals(tag(containerId))) {
                out.add(new Binding(0, m.group(2), m.group(1) == null ? ANY : m.group(1),
                        Integer.parseInt(m.group(3)), "", ""));
            }
        }
        return out;
    }

    private List<Binding> read(String containerId) {
        Path f = file(containerId);
        if (!Files.exists(f)) {
            return List.of();
        }
        try {
            return JSON.readValue(f.toFile(), BINDINGS);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private void write(String containerId, List<Binding> bindings) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
            try {
                Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(bindings));
                Files.move(tmp, file(containerId), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the ports of " + containerId, e);
        }
    }

    private List<Path> files() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
            s.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private Path file(String containerId) {
        return dir.resolve(containerId + ".json");
    }
}
