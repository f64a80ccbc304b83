package io.jcompose.engine.linux.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.ContainerSpec.PortSpec;
import io.jcompose.engine.spi.NetworkOps;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real bridges, namespaces, veths and iptables rules (root only), next to whatever dockerd runs on the host. */
class NetworkPlumbingTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path tmp;

    private NetworkPlumbing plumbing;
    private String prefix;
    private final List<BridgeNetwork> networks = new ArrayList<>();
    private final List<String> containers = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(new ProcessBuilder("id", "-u").start().inputReader().readLine().equals("0"), "needs root");
        assumeTrue(new Commands().run(List.of("iptables", "-w", "-S", "INPUT")).ok(), "needs iptables");
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs busybox");
        plumbing = new NetworkPlumbing(new StoreLayout(tmp.resolve("root"), tmp.resolve("run")));
        prefix = "jct" + hex(3);
    }

    @AfterEach
    void cleanUp() throws Exception {
        servers.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        servers.forEach(Process::destroyForcibly);
        if (plumbing == null) {
            return;
        }
        List<Throwable> failures = new ArrayList<>();
        for (String c : containers) {
            attempt(failures, () -> plumbing.unpublish(c));
            attempt(failures, () -> plumbing.deleteNamespace(c));
            attempt(failures, () -> plumbing.release(c));
        }
        for (BridgeNetwork n : networks) {
            attempt(failures, () -> plumbing.remove(n));
        }
        // whatever happened above, nothing of ours may stay on the host
        List<String> left = new ArrayList<>();
        for (BridgeNetwork n : networks) {
            if (Bridges.exists(n.bridge())) {
                left.add("bridge " + n.bridge());
                new Commands().run(List.of("ip", "link", "del", n.bridge()));
            }
            left.addAll(leftRules(n.bridge()));
            for (String c : containers) {
                String veth = BridgeNames.hostVeth(n.bridge(), c);
                if (Bridges.exists(veth)) {
                    left.add("veth " + veth);
                    new Commands().run(List.of("ip", "link", "del", veth));
                }
            }
        }
        for (String c : containers) {
            if (Files.exists(Namespaces.path(c))) {
                left.add("netns " + Namespaces.name(c));
                new Commands().run(List.of("ip", "netns", "del", Namespaces.name(c)));
            }
            left.addAll(leftRules(PortPublisher.tag(c)));
        }
        assertThat(failures).isEmpty();
        assertThat(left).as("left on the host").isEmpty();
        assertThat(plumbing.networks()).isEmpty();
        assertThat(plumbing.publishedPorts()).isEmpty();
    }

    @Test
    void sameNetworkReachableOthersIsolatedEgressNattedInternalClosed() throws Exception {
        BridgeNetwork a = network("a", false, List.of());
        BridgeNetwork b = network("b", false, List.of());
        BridgeNetwork internal = network("i", true, List.of());
        assertThat(Subnet.parse(a.subnet()).overlaps(Subnet.parse(b.subnet()))).isFalse();
        assertThat(a.bridge()).hasSizeLessThanOrEqualTo(15);
        assertThat(Bridges.exists(a.bridge())).isTrue();
        assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).trim()).isEqualTo("1");

        String c1 = container();
        String c2 = container();
        String c3 = container();
        String dual = container();
        String closed = container();
        Endpoint e1 = attach(c1, a, "eth0", true);
        Endpoint e2 = attach(c2, a, "eth0", true);
        Endpoint e3 = attach(c3, b, "eth0", true);
        attach(dual, a, "eth0", true);
        attach(dual, b, "eth1", false);
        Endpoint e5 = attach(closed, internal, "eth0", true);

        assertThat(e1.mac()).isEqualTo(MacAddresses.forAddress(Subnet.address(e1.ipv4())));
        assertThat(inside(c1, "ip", "link", "show", "eth0")).contains(e1.mac());
        assertThat(e1.ipv4()).isNotEqualTo(e2.ipv4()).isNotEqualTo(a.gateway());
        assertThat(Subnet.parse(a.subnet()).contains(Subnet.address(e1.ipv4()))).isTrue();

        assertThat(ping(c1, e2.ipv4())).as("same network").isTrue();
        assertThat(ping(c1, a.gateway())).as("gateway").isTrue();
        assertThat(ping(c1, e3.ipv4())).as("other network").isFalse();
        assertThat(ping(c3, e1.ipv4())).as("other network, the other way").isFalse();
        assertThat(ping(dual, e1.ipv4())).as("dual-homed to a").isTrue();
        assertThat(ping(dual, e3.ipv4())).as("dual-homed to b").isTrue();

        String hostAddress = hostAddress();
        assertThat(ping(c1, hostAddress)).as("host address").isTrue();
        Optional<String> outside = defaultGateway();
        outside.ifPresent(g -> assertThat(ping(c3, g)).as("egress through NAT to " + g).isTrue());

        assertThat(ping(closed, internal.gateway())).as("internal: gateway").isTrue();
        assertThat(ping(closed, hostAddress)).as("internal: host address").isFalse();
        outside.ifPresent(g -> assertThat(ping(closed, g)).as("internal: egress").isFalse());
        assertThat(ping(closed, e1.ipv4())).as("internal: other network").isFalse();
        assertThat(inside(closed, "ip", "route")).doesNotContain("default");

        // a live disconnect keeps the address; attaching again gives it back
        plumbing.detach(c2, Namespaces.path(c2), a);
        assertThat(Bridges.exists(e2.hostVeth())).isFalse();
        assertThat(ping(c1, e2.ipv4())).isFalse();
        assertThat(attach(c2, a, "eth0", true).ipv4()).isEqualTo(e2.ipv4());
        assertThat(ping(c1, e2.ipv4())).isTrue();

        // create again: same bridge and subnet; ensure puts back a deleted bridge and its rules
        assertThat(plumbing.create(spec(a.name(), false, List.of()), a.id())).isEqualTo(a);
        new Commands().check(List.of("ip", "link", "del", a.bridge()));
        new Firewall(new Commands()).remove(a.bridge());
        plumbing.ensure(a);
        assertThat(Bridges.exists(a.bridge())).isTrue();
        assertThat(plumbing.firewallRules(a.bridge())).hasSize(NetworkRules.of(a).size());
        assertThat(plumbing.addresses(a.name())).containsEntry(c1, e1.ipv4());
        assertThat(e5.ipv4()).isNotBlank();
    }

    @Test
    void ipamSubnetRangeGatewayFixedAddressAndMtu() throws Exception {
        int third = 100 + RANDOM.nextInt(100);
        String subnet = "10.213." + third + ".0/24";
        BridgeNetwork n = remember(plumbing.create(new NetworkOps.NetworkSpec(prefix + "-ipam", Optional.empty(),
                Map.of(NetworkPlumbing.MTU_OPTION, "1400"), Map.of(), false, false, false,
                List.of(new NetworkOps.IpamConfig(Optional.of(subnet), Optional.of("10.213." + third + ".64/26"),
                        Optional.of("10.213." + third + ".254")))), hex(32)));
        assertThat(n.subnet()).isEqualTo(subnet);
        assertThat(n.gateway()).isEqualTo("10.213." + third + ".254");
        assertThat(n.mtu()).isEqualTo(1400);
        assertThat(Files.readString(Path.of("/sys/class/net", n.bridge(), "mtu")).trim()).isEqualTo("1400");

        String c1 = container();
        String c2 = container();
        Endpoint dynamic = attach(c1, n, "eth0", true);
        assertThat(dynamic.ipv4()).isEqualTo("10.213." + third + ".64");
        Path ns2 = plumbing.createNamespace(c2);
        Endpoint fixed = plumbing.attach(c2, ns2, n, "eth0", Optional.of("10.213." + third + ".7"),
                Optional.of("02:00:00:00:00:07"), true);
        assertThat(fixed.ipv4()).isEqualTo("10.213." + third + ".7");
        assertThat(inside(c2, "ip", "link", "show", "eth0")).contains("02:00:00:00:00:07").contains("mtu 1400");
        assertThat(ping(c2, dynamic.ipv4())).isTrue();

        String c3 = container();
        Path ns3 = plumbing.createNamespace(c3);
        assertThatThrownBy(() -> plumbing.attach(c3, ns3, n, "eth0", Optional.of("10.213." + third + ".7"),
                Optional.empty(), true)).isInstanceOf(ConflictException.class).hasMessageContaining("in use");
        assertThatThrownBy(() -> plumbing.attach(c3, ns3, n, "eth0", Optional.of("10.99.0.7"), Optional.empty(),
                true)).isInstanceOf(RuntimeFailureException.class).hasMessageContaining("does not belong");

        // an overlapping subnet of ours is refused; release frees the address for others
        assertThatThrownBy(() -> plumbing.create(new NetworkOps.NetworkSpec(prefix + "-overlap", Optional.empty(),
                Map.of(), Map.of(), false, false, false, List.of(new NetworkOps.IpamConfig(Optional.of(
                        "10.213." + third + ".128/25"), Optional.empty(), Optional.empty()))), hex(32)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("overlaps");
        plumbing.deleteNamespace(c2);
        plumbing.release(c2);
        assertThat(plumbing.addresses(n.name())).doesNotContainKey(c2).containsKey(c1);
    }

    @Test
    void publishedPortsFromHostLoopbackHostAddressOtherContainersAndItself() throws Exception {
        BridgeNetwork a = network("a", false, List.of());
        BridgeNetwork b = network("b", false, List.of());
        BridgeNetwork internal = network("i", true, List.of());
        String web = container();
        String neighbour = container();
        String stranger = container();
        Endpoint w = attach(web, a, "eth0", true);
        attach(neighbour, a, "eth0", true);
        attach(stranger, b, "eth0", true);
        String body = "hello-" + hex(4);
        serveHttp(web, body);
        serveUdpEcho(web, 5353);
        awaitHttp(w.ipv4(), 80);

        int fixed = freePort();
        int udp = freeUdpPort();
        List<PublishedPort> bound = plumbing.publish(web, a, w.ipv4(), List.of(
                new PortSpec(80, "tcp", Optional.empty(), Optional.of(Integer.toString(fixed))),
                new PortSpec(80, "tcp", Optional.empty(), Optional.empty()),
                new PortSpec(5353, "udp", Optional.of("127.0.0.1"), Optional.of(Integer.toString(udp)))));
        assertThat(bound).hasSize(3);
        assertThat(bound.get(0)).isEqualTo(new PublishedPort(80, "tcp", "0.0.0.0", fixed));
        int random = bound.get(1).hostPort();
        assertThat(random).isPositive().isNotEqualTo(fixed);
        assertThat(bound.get(2)).isEqualTo(new PublishedPort(5353, "udp", "127.0.0.1", udp));
        assertThat(plumbing.publishedPorts()).containsEntry(web, bound);

        String host = hostAddress();
        assertThat(httpGet("127.0.0.1", fixed)).contains(body);
        assertThat(httpGet(host, fixed)).contains(body);
        assertThat(httpGet("127.0.0.1", random)).contains(body);
        assertThat(wget(neighbour, host, fixed)).as("from a container of the network").contains(body);
        assertThat(wget(stranger, host, fixed)).as("from a container of another network").contains(body);
        assertThat(wget(web, host, fixed)).as("hairpin: the container itself").contains(body);
        assertThat(wget(web, a.gateway(), fixed)).as("hairpin through the gateway").contains(body);
        assertThat(udpEcho(udp, "ping-" + body)).isEqualTo("ping-" + body);

        // taken ports are refused before anything is set up
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> plumbing.publish(neighbour, a, "10.0.0.1", List.of(
                    new PortSpec(81, "tcp", Optional.empty(), Optional.of(Integer.toString(freePort()))),
                    new PortSpec(80, "tcp", Optional.empty(), Optional.of(Integer.toString(port))))))
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("Bind for 0.0.0.0:" + port + " failed: port is already allocated");
            assertThat(plumbing.firewallRules(PortPublisher.tag(neighbour))).isEmpty();
            // a range skips the taken port
            List<PublishedPort> ranged = plumbing.publish(stranger, b, "10.0.0.1", List.of(new PortSpec(80, "tcp",
                    Optional.empty(), Optional.of(port + "-" + (port + 1)))));
            assertThat(ranged).extracting(PublishedPort::hostPort).containsExactly(port + 1);
            plumbing.unpublish(stranger);
        }
        assertThatThrownBy(() -> plumbing.publish(neighbour, a, "10.0.0.1", List.of(new PortSpec(80, "tcp",
                Optional.of("127.0.0.1"), Optional.of(Integer.toString(fixed))))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("127.0.0.1:" + fixed);
        assertThatThrownBy(() -> plumbing.publish(neighbour, internal, "10.0.0.1", List.of(new PortSpec(80, "tcp",
                Optional.empty(), Optional.empty())))).hasMessageContaining("internal");

        plumbing.unpublish(web);
        assertThat(plumbing.firewallRules(PortPublisher.tag(web))).isEmpty();
        assertThat(plumbing.publishedPorts()).doesNotContainKey(web);
        assertThatThrownBy(() -> httpGet("127.0.0.1", fixed)).isInstanceOf(IOException.class);
    }

    @Test
    void anotherProcessUndoesWhatThisOneSetUp() throws Exception {
        BridgeNetwork n = network("p", false, List.of());
        String c = container();
        Endpoint e = attach(c, n, "eth0", true);
        List<PublishedPort> bound = plumbing.publish(c, n, e.ipv4(), List.of(new PortSpec(80, "tcp",
                Optional.empty(), Optional.empty())));
        assertThat(plumbing.firewallRules(PortPublisher.tag(c))).isNotEmpty();

        // what a later `down` sees and does, from its own records
        NetworkPlumbing later = new NetworkPlumbing(new StoreLayout(tmp.resolve("root"), tmp.resolve("run")));
        assertThat(later.networks()).containsExactly(n);
        assertThat(later.publishedPorts()).containsEntry(c, bound);
        assertThat(later.addresses(n.name())).containsEntry(c, e.ipv4());
        later.unpublish(c);
        later.deleteNamespace(c);
        later.release(c);
        later.remove(n);
        assertThat(plumbing.firewallRules(PortPublisher.tag(c))).isEmpty();
        assertThat(plumbing.firewallRules(n.bridge())).isEmpty();
        assertThat(Bridges.exists(n.bridge())).isFalse();
        assertThat(Bridges.exists(e.hostVeth())).isFalse();
        assertThat(Namespaces.path(c)).doesNotExist();
        assertThat(plumbing.networks()).isEmpty();
    }

    // ---- helpers

    private BridgeNetwork network(String suffix, boolean internal, List<NetworkOps.IpamConfig> ipam) {
        return remember(plumbing.create(spec(prefix + "-" + suffix, internal, ipam), hex(32)));
    }

    private BridgeNetwork remember(BridgeNetwork n) {
        networks.add(n);
        return n;
    }

    private static NetworkOps.NetworkSpec spec(String name, boolean internal, List<NetworkOps.IpamConfig> ipam) {
        return new NetworkOps.NetworkSpec(name, Optional.empty(), Map.of(), Map.of(), internal, false, false, ipam);
    }

    private String container() {
        String id = hex(32);
        containers.add(id);
        return id;
    }

    private Endpoint attach(String container, BridgeNetwork n, String ifname, boolean defaultRoute) {
        Path ns = plumbing.createNamespace(container);
        return plumbing.attach(container, ns, n, ifname, Optional.empty(), Optional.empty(), defaultRoute);
    }

    private static boolean ping(String container, String address) {
        return new Commands().run(List.of("nsenter", "--net=" + Namespaces.path(container), "busybox", "ping",
                "-c1", "-W1", address)).ok();
    }

    private static String inside(String container, String... argv) {
        List<String> command = new ArrayList<>(List.of("nsenter", "--net=" + Namespaces.path(container)));
        command.addAll(List.of(argv));
        return new Commands().check(command);
    }

    private static String wget(String container, String host, int port) {
        return new Commands().run(List.of("nsenter", "--net=" + Namespaces.path(container), "timeout", "5",
                "busybox", "wget", "-q", "-O", "-", "http://" + host + ":" + port + "/")).out();
    }

    private void serveHttp(String container, String body) throws IOException {
        Path www = Files.createDirectories(tmp.resolve("www-" + container.substring(0, 8)));
        Files.writeString(www.resolve("index.html"), body);
        servers.add(new ProcessBuilder("nsenter", "--net=" + Namespaces.path(container), "busybox", "httpd", "-f",
                "-p", "80", "-h", www.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("httpd.log").toFile()).start());
    }

    private void serveUdpEcho(String container, int port) throws IOException {
        servers.add(new ProcessBuilder("nsenter", "--net=" + Namespaces.path(container), "python3", "-c",
                "import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.bind(('0.0.0.0'," + port
                        + "))\nwhile True:\n d,a=s.recvfrom(2048)\n s.sendto(d,a)\n").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("udp.log").toFile()).start());
    }

    private static void awaitHttp(String host, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on " + host + ":" + port);
    }

    private static String httpGet(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 3000);
            s.setSoTimeout(3000);
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = s.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static String udpEcho(int port, String text) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(500);
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            for (int attempt = 0; attempt < 20; attempt++) {
                s.send(new DatagramPacket(data, data.length, InetAddress.getByName("127.0.0.1"), port));
                DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
                try {
                    s.receive(reply);
                    return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
                } catch (SocketTimeoutException e) {
                    // the echo server may still be starting
                }
            }
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The host's address on the interface of its default route (192.0.2.2 on the CI machine). */
    private static String hostAddress() {
        String route = new Commands().check(List.of("ip", "-4", "-o", "route", "get", "192.0.2.1"));
        String[] words = route.trim().split("\\s+");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals("src")) {
                return words[i + 1];
            }
        }
        throw new AssertionError("no source address in " + route);
    }

    /** The default route's gateway: outside this host, so reaching it is forwarded and NATed. */
    private static Optional<String> defaultGateway() {
        String[] words = new Commands().check(List.of("ip", "-4", "route", "show", "default")).trim().split("\\s+");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals("via")) {
                return Optional.of(words[i + 1]);
            }
        }
        return Optional.empty();
    }

    private static List<String> leftRules(String tag) {
        return new Firewall(new Commands()).tagged(tag);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void attempt(List<Throwable> failures, Action action) {
        try {
            action.run();
        } catch (Throwable t) {
            failures.add(t);
        }
    }
}
