package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.network.LinuxNetworks;
import io.jcompose.engine.linux.network.NetworkPlumbing;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** Networks of the built-in runtime: the Flask + Redis counter, names, scale, isolation, egress, ports. */
@EnabledIf("io.jcompose.e2e.OnBuiltInRuntime#canRun")
class LinuxNetworkTest extends OnBuiltInRuntime {

    private static final Pattern ADDRESS = Pattern.compile("Address:\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)");


    @TempDir
    Path dir;

    @Test
    void flaskRedisCounter_countsAcrossRequests_andDownLeavesNothing() throws Exception {
        int port = ProjectRun.freePort();
        Path webapp = Path.of(System.getProperty("jcompose.repo"), "samples/flask-redis/webapp").toAbsolutePath();
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      web:
                        image: jcompose-fixtures/python-flask:bookworm
                        working_dir: /code
                        volumes: ["%s:/code:ro"]
                        command: ["python3", "app.py"]
                        ports: ["%d:5000"]
                        depends_on: [redis]
                        stop_signal: SIGINT
                      redis:
                        image: jcompose-fixtures/redis:bookworm
                        command: redis-server --protected-mode no --bind 0.0.0.0
                    """.formatted(webapp, port));
            ok(run.jcompose("up", "-d"));
            assertThat(ProjectRun.get(port, Duration.ofSeconds(30))).contains("seen 1 times");
            assertThat(ProjectRun.get(port, Duration.ofSeconds(5))).contains("seen 2 times");
            assertThat(run.jcompose("port", "web", "5000").out().strip()).endsWith(":" + port);

            List<String> ids = run.containers().stream().map(ContainerRecord::id).toList();
            String bridge = networks().bridge(run.project + "_default").orElseThrow().bridge();
            ok(run.jcompose("down", "-v", "-t", "3"));
            assertThat(run.leftovers(ids)).isEmpty();
            assertThat(kernelLeftovers(bridge, ids)).isEmpty();
            assertThat(run.volumes()).isEmpty();
        }
    }

    @Test
    void serviceNameResolvesToEveryReplica_andNamesFollowScaling() throws Exception {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      web:
                        image: jcompose-fixtures/busybox:latest
                        init: true
                        command: ["sleep", "1000"]
                        networks:
                          default:
                            aliases: [www]
                      probe:
                        image: jcompose-fixtures/busybox:latest
                        init: true
                        command: ["sleep", "1000"]
                    """);
            ok(run.jcompose("up", "-d", "--scale", "web=3"));
            assertThat(addresses(run, "web")).hasSize(3);
            assertThat(addresses(run, "www")).hasSize(3);
            assertThat(addresses(run, "web-2")).hasSize(1);
            assertThat(addresses(run, run.project + "-web-3")).hasSize(1);

            ok(run.jcompose("up", "-d", "--scale", "web=1"));
            assertThat(addresses(run, "web")).hasSize(1);
            ok(run.jcompose("stop", "web"));
            assertThat(addresses(run, "web")).isEmpty();
            // names that are not ours go to the host's resolvers: "localhost" resolves inside anyway
            assertThat(run.jcompose("exec", "-T", "probe", "ping", "-c1", "-W2", "probe").code()).isZero();
        }
    }

    @Test
    void networksAreIsolated_internalHasNoWayOut_othersReachTheHost() throws Exception {
        String hostAddress = hostAddress();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(hostAddress), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "host-says-hi".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      a:
                        image: jcompose-fixtures/busybox:latest
                        init: true
                        command: ["sleep", "1000"]
                        networks: [front]
                      b:
                        image: jcompose-fixtures/busybox:latest
                        init: true
                        command: ["sleep", "1000"]
                        networks: [back]
                      both:
                        image: jcompose-fixtures/busybox:latest
                        init: true
                        command: ["sleep", "1000"]
                        networks: [front, back]
                      hidden:
                        image: jcompose-fixtures/busybox:latest
                        init: true
                        command: ["sleep", "1000"]
                        networks: [sealed]
                    networks:
                      front: {}
                      back: {}
                      sealed:
                        internal: true
                    """);
            ok(run.jcompose("up", "-d"));
            assertThat(run.jcompose("exec", "-T", "a", "ping", "-c1", "-W2", "both").code()).isZero();
            assertThat(run.jcompose("exec", "-T", "b", "ping", "-c1", "-W2", "both").code()).isZero();
            assertThat(addresses(run, "a", "b")).as("b's name is not visible from a").isEmpty();
            String bAddress = addresses(run, "both", "b").getFirst();
            assertThat(run.jcompose("exec", "-T", "a", "ping", "-c1", "-W2", bAddress).code())
                    .as("a cannot reach b's network").isNotZero();

            String url = "http://" + hostAddress + ":" + server.getAddress().getPort() + "/";
            LinuxProjectRun.Result egress = run.jcompose("exec", "-T", "a", "timeout", "5", "wget", "-q", "-O", "-",
                    url);
            assertThat(egress.out()).as(egress.err()).isEqualTo("host-says-hi");
            assertThat(run.jcompose("exec", "-T", "hidden", "timeout", "5", "wget", "-q", "-O", "-", url).code())
                    .as("an internal network has no way out").isNotZero();

            // joined to back while it runs, a reaches b, by name too (its name server is front's)
            ok(run.jcompose("network", "connect", run.project + "_back", run.project + "-a-1"));
            assertThat(addresses(run, "a", "b")).containsExactly(bAddress);
            assertThat(run.jcompose("exec", "-T", "a", "ping", "-c1", "-W2", "b").code()).isZero();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void portsUdpRandomAndTaken() throws Exception {
        try (LinuxProjectRun run = new LinuxProjectRun(dir); ServerSocket taken = new ServerSocket(0)) {
            int udp = ProjectRun.freePort();
            run.write("compose.yaml", """
                    services:
                      web:
                        image: jcompose-fixtures/busybox:latest
                        init: true
                        command: ["sh", "-c", "mkdir -p /www && echo random-port > /www/index.html && exec httpd -f -p 80 -h /www"]
                        ports: ["80"]
                      listener:
                        image: jcompose-fixtures/python-flask:bookworm
                        init: true
                        # busybox's nc has no UDP: a few lines of Python keep what arrives
                        command: ["python3", "-c", "import socket\\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\\ns.bind(('', 9999))\\nwhile True:\\n    open('/tmp/got', 'ab').write(s.recv(100))\\n"]
                        ports: ["127.0.0.1:%d:9999/udp"]
                    """.formatted(udp));
            ok(run.jcompose("up", "-d"));
            String mapped = run.jcompose("port", "web", "80").out().strip();
            int hostPort = Integer.parseInt(mapped.substring(mapped.lastIndexOf(':') + 1));
            assertThat(ProjectRun.get(hostPort, Duration.ofSeconds(10))).isEqualTo("random-port\n");
            assertThat(run.jcompose("ps").out()).contains("->80/tcp");
            assertThat(ProjectRun.get(hostPort, hostAddress(), Duration.ofSeconds(5))).isEqualTo("random-port\n");

            byte[] data = "udp-payload\n".getBytes(StandardCharsets.UTF_8);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String got = "";
            while (!got.contains("udp-payload") && System.nanoTime() < deadline) {
                // a socket per try: a datagram sent before the listener was up leaves a conntrack entry behind
                try (DatagramSocket socket = new DatagramSocket()) {
                    socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), udp));
                }
                Thread.sleep(300);
                got = run.jcompose("exec", "-T", "listener", "cat", "/tmp/got").out();
            }
            assertThat(got).as(run.jcompose("logs", "listener").out()).contains("udp-payload");

            run.write("compose.yaml", """
                    services:
                      clash:
                        image: jcompose-fixtures/busybox:latest
                        command: ["sleep", "1000"]
                        ports: ["%d:80"]
                    """.formatted(taken.getLocalPort()));
            LinuxProjectRun.Result clash = run.jcompose("up", "-d", "--remove-orphans");
            assertThat(clash.code()).isNotZero();
            assertThat(clash.err()).contains(Integer.toString(taken.getLocalPort())).contains("clash")
                    .doesNotContain("\tat ");
        }
    }

    private static List<String> addresses(LinuxProjectRun run, String name) {
        return addresses(run, "probe", name);
    }

    /** The addresses {@code name} resolves to, asked with busybox's nslookup from {@code from}. */
    private static List<String> addresses(LinuxProjectRun run, String from, String name) {
        LinuxProjectRun.Result r = run.jcompose("exec", "-T", from, "nslookup", name);
        List<String> out = new ArrayList<>();
        String text = r.out();
        int answers = text.indexOf("Name:");
        if (answers < 0) {
            return out;
        }
        Matcher m = ADDRESS.matcher(text.substring(answers));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static LinuxNetworks networks() {
        return new LinuxNetworks(LinuxProjectRun.LAYOUT, new NetworkPlumbing(LinuxProjectRun.LAYOUT),
                n -> List.of(), o -> { });
    }

    /** Bridges, namespaces and firewall rules of these containers and this bridge still in the kernel. */
    private static List<String> kernelLeftovers(String bridge, List<String> ids) throws Exception {
        List<String> found = new ArrayList<>();
        String links = exec("ip", "-o", "link", "show");
        if (links.contains(" " + bridge + ":") || links.contains(" " + bridge + "@")) {
            found.add("bridge " + bridge);
        }
        String namespaces = exec("ip", "netns", "list");
        String rules = exec("iptables-save") + exec("iptables-save", "-t", "nat");
        for (String id : ids) {
            String shortId = id.substring(0, 12);
            if (namespaces.contains(shortId)) {
                found.add("netns of " + shortId);
            }
            if (rules.contains(shortId)) {
                found.add("firewall rule of " + shortId);
            }
        }
        if (rules.contains("jcompose:" + bridge)) {
            found.add("firewall rule of " + bridge);
        }
        return found;
    }

    private static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** The host's first non-loopback IPv4 address. */
    static String hostAddress() throws Exception {
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (nic.isLoopback() || !nic.isUp() || nic.getName().startsWith("jc") || nic.getName().startsWith("docker")
                    || nic.getName().startsWith("veth") || nic.getName().startsWith("br-")) {
                continue;
            }
            for (var a : java.util.Collections.list(nic.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address) {
                    return a.getHostAddress();
                }
            }
        }
        throw new AssertionError("no non-loopback IPv4 address on this host");
    }

}
