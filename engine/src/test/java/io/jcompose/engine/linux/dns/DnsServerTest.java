package io.jcompose.engine.linux.dns;

import static io.jcompose.engine.linux.dns.DnsClient.query;
import static io.jcompose.engine.linux.dns.DnsClient.queryWithEdns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.jcompose.engine.linux.dns.DnsMessage.ResourceRecord;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DnsServerTest {

    private static final Duration UPSTREAM_TIMEOUT = Duration.ofMillis(300);

    /** Names the way the lead's store will give them: looked up exactly, so the server must lower the case. */
    private static final class FakeTable implements NameTable {
        final Map<String, List<Inet4Address>> names = new ConcurrentHashMap<>();
        final Map<Inet4Address, String> reverse = new ConcurrentHashMap<>();
        final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

        FakeTable put(String name, String... addresses) {
            names.put(name, java.util.Arrays.stream(addresses).map(DnsServerTest::ip).toList());
            return this;
        }

        @Override
        public List<Inet4Address> lookup(String name) {
            asked.add(name);
            return names.getOrDefault(name, List.of());
        }

        @Override
        public Optional<String> reverse(Inet4Address address) {
            return Optional.ofNullable(reverse.get(address));
        }
    }

    private final FakeTable table = new FakeTable();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    private DnsServer server(List<InetSocketAddress> upstreams) {
        return server(upstreams, new DnsServer.Timeouts(UPSTREAM_TIMEOUT, Duration.ofSeconds(2)));
    }

    private DnsServer server(List<InetSocketAddress> upstreams, DnsServer.Timeouts timeouts) {
        DnsServer server = DnsServer.start(InetAddress.getLoopbackAddress(), 0, table, upstreams, timeouts);
        toClose.add(server);
        return server;
    }

    private FakeUpstream upstream(FakeUpstream upstream) {
        toClose.add(upstream);
        return upstream;
    }

    static Inet4Address ip(String literal) {
        return (Inet4Address) InetAddress.ofLiteral(literal);
    }

    private static List<InetAddress> addresses(DnsMessage answer) {
        return answer.answers().stream().map(ResourceRecord::address).toList();
    }

    @Test
    void aRecordOfOneContainerIsAnsweredAuthoritativelyWithTtlZero() throws Exception {
        table.put("db", "172.18.0.2");
        DnsServer server = server(List.of());

        DnsMessage answer = DnsClient.udp(server.address(), query(0x1234, "db", DnsMessage.TYPE_A));

        assertThat(answer.id()).isEqualTo(0x1234);
        assertThat(answer.isResponse()).isTrue();
        assertThat(answer.isAuthoritative()).isTrue();
        assertThat(answer.rcode()).isEqualTo(DnsMessage.RCODE_NOERROR);
        assertThat(answer.flags() & DnsMessage.FLAG_RD).isNotZero();
        assertThat(answer.questions()).singleElement().satisfies(q -> assertThat(q.name()).isEqualTo(DnsName.of("db")));
        assertThat(answer.answers()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(DnsMessage.TYPE_A);
            assertThat(r.ttl()).isZero();
            assertThat(r.name()).isEqualTo(DnsName.of("db"));
        });
        assertThat(addresses(answer)).containsExactly(ip("172.18.0.2"));
    }

    @Test
    void aRecordsOfThreeReplicasAreAllGivenInTurningOrder() throws Exception {
        table.put("web", "172.18.0.3", "172.18.0.4", "172.18.0.5");
        DnsServer server = server(List.of());

        Set<InetAddress> firsts = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            DnsMessage answer = DnsClient.udp(server.address(), query(i, "web", DnsMessage.TYPE_A));
            assertThat(addresses(answer)).containsExactlyInAnyOrder(ip("172.18.0.3"), ip("172.18.0.4"),
                    ip("172.18.0.5"));
            firsts.add(addresses(answer).getFirst());
        }
        assertThat(firsts).hasSize(3);
    }

    @Test
    void namesAreLookedUpInLowerCaseAndTheQuestionIsEchoedAsAsked() throws Exception {
        table.put("web", "172.18.0.3");
        DnsServer server = server(List.of());

        DnsMessage answer = DnsClient.udp(server.address(), query(7, "WeB.", DnsMessage.TYPE_A));

        assertThat(addresses(answer)).containsExactly(ip("172.18.0.3"));
        assertThat(answer.questions().getFirst().name().labels()).containsExactly("WeB");
        assertThat(answer.answers().getFirst().name().labels()).containsExactly("WeB");
        assertThat(table.asked).containsExactly("web");
    }

    @Test
    void aaaaAndOtherTypesOfOurNamesAreEmptyNoErrorNotNxdomain() throws Exception {
        table.put("web", "172.18.0.3");
        FakeUpstream upstream = upstream(FakeUpstream.answering("10.9.9.9"));
        DnsServer server = server(List.of(upstream.address()));

        for (int type : new int[] {DnsMessage.TYPE_AAAA, DnsMessage.TYPE_MX, DnsMessage.TYPE_TXT}) {
            DnsMessage answer = DnsClient.udp(server.address(), query(type, "web", type));
            assertThat(answer.rcode()).as("type %d", type).isEqualTo(DnsMessage.RCODE_NOERROR);
            assertThat(answer.isAuthoritative()).isTrue();
            assertThat(answer.answers()).isEmpty();
        }
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void ptrOfOurAddressGivesTheContainerNameAndOtherAddressesAreForwarded() throws Exception {
        table.reverse.put(ip("172.18.0.3"), "proj-web-1");
        FakeUpstream upstream = upstream(new FakeUpstream(q -> Optional.of(FakeUpstream.failure(q,
                DnsMessage.RCODE_NXDOMAIN))));
        DnsServer server = server(List.of(upstream.address()));

        DnsMessage ours = DnsClient.udp(server.address(), query(1, "3.0.18.172.in-addr.arpa", DnsMessage.TYPE_PTR));
        assertThat(ours.isAuthoritative()).isTrue();
        assertThat(ours.answers()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(DnsMessage.TYPE_PTR);
            assertThat(r.ttl()).isZero();
            assertThat(r.targetName()).isEqualTo(DnsName.of("proj-web-1"));
        });

        DnsMessage theirs = DnsClient.udp(server.address(), query(2, "9.0.18.172.in-addr.arpa", DnsMessage.TYPE_PTR));
        assertThat(theirs.rcode()).isEqualTo(DnsMessage.RCODE_NXDOMAIN);
        assertThat(upstream.received()).singleElement()
                .satisfies(r -> assertThat(r.query().questions().getFirst().name())
                        .isEqualTo(DnsName.of("9.0.18.172.in-addr.arpa")));
    }

    @Test
    void unknownNamesAreForwardedAndTheAnswerComesBackAsIsWithTheClientsId() throws Exception {
        FakeUpstream upstream = upstream(FakeUpstream.answering("93.184.216.34"));
        DnsServer server = server(List.of(upstream.address()));
        byte[] query = query(0xbeef, "Example.COM", DnsMessage.TYPE_A);

        byte[] raw = DnsClient.udpRaw(server.address(), query, 2000).orElseThrow();

        DnsMessage answer = DnsClient.parse(raw);
        assertThat(answer.id()).isEqualTo(0xbeef);
        assertThat(answer.isAuthoritative()).isFalse();
        assertThat(answer.answers()).singleElement().satisfies(r -> assertThat(r.ttl()).isEqualTo(300));
        assertThat(addresses(answer)).containsExactly(ip("93.184.216.34"));
        DnsMessage forwarded = upstream.received().getFirst().query();
        assertThat(upstream.received()).hasSize(1);
        assertThat(upstream.received().getFirst().transport()).isEqualTo(Transport.UDP);
        assertThat(forwarded.questions().getFirst().name().labels()).containsExactly("Example", "COM");
        // but for the id, the upstream's packet is what the client gets
        byte[] expected = FakeUpstream.answer(forwarded, 0, "93.184.216.34");
        DnsMessage.setId(expected, 0xbeef);
        assertThat(raw).isEqualTo(expected);
        assertThat(table.asked).containsExactly("example.com");
    }

    @Test
    void aSilentUpstreamIsPassedForTheNextAndNoAnswerAtAllIsServfail() throws Exception {
        FakeUpstream silent = upstream(new FakeUpstream(q -> Optional.empty()));
        FakeUpstream refusing = upstream(new FakeUpstream(q -> Optional.of(FakeUpstream.failure(q,
                DnsMessage.RCODE_REFUSED))));
        FakeUpstream answering = upstream(FakeUpstream.answering("10.1.2.3"));

        DnsServer failing = server(List.of(silent.address()));
        long start = System.nanoTime();
        DnsMessage servfail = DnsClient.udp(failing.address(), query(5, "nowhere.test", DnsMessage.TYPE_A));
        assertThat(servfail.rcode()).isEqualTo(DnsMessage.RCODE_SERVFAIL);
        assertThat(servfail.id()).isEqualTo(5);
        assertThat(servfail.questions()).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(UPSTREAM_TIMEOUT);

        DnsServer server = server(List.of(silent.address(), refusing.address(), answering.address()));
        DnsMessage answer = DnsClient.udp(server.address(), query(6, "somewhere.test", DnsMessage.TYPE_A));
        assertThat(answer.rcode()).isEqualTo(DnsMessage.RCODE_NOERROR);
        assertThat(addresses(answer)).containsExactly(ip("10.1.2.3"));
        assertThat(refusing.received()).hasSize(1);
    }

    @Test
    void noUpstreamAtAllIsServfailAtOnce() throws Exception {
        DnsServer server = server(List.of());
        DnsMessage answer = DnsClient.udp(server.address(), query(9, "example.com", DnsMessage.TYPE_A));
        assertThat(answer.rcode()).isEqualTo(DnsMessage.RCODE_SERVFAIL);
    }

    @Test
    void tcpQueriesAreAnsweredAndForwardedOverTcp() throws Exception {
        table.put("db", "172.18.0.2");
        FakeUpstream upstream = upstream(FakeUpstream.answering("10.4.4.4"));
        DnsServer server = server(List.of(upstream.address()));

        DnsMessage ours = DnsClient.tcp(server.address(), query(11, "db", DnsMessage.TYPE_A));
        assertThat(ours.id()).isEqualTo(11);
        assertThat(addresses(ours)).containsExactly(ip("172.18.0.2"));

        DnsMessage theirs = DnsClient.tcp(server.address(), query(12, "big.example", DnsMessage.TYPE_TXT));
        assertThat(theirs.id()).isEqualTo(12);
        assertThat(addresses(theirs)).containsExactly(ip("10.4.4.4"));
        assertThat(upstream.received()).singleElement()
                .satisfies(r -> assertThat(r.transport()).isEqualTo(Transport.TCP));
    }

    @Test
    void severalQueriesOnOneTcpConnectionAreAllAnswered() throws Exception {
        table.put("a", "172.18.0.2").put("b", "172.18.0.3");
        DnsServer server = server(List.of());

        try (Socket socket = new Socket()) {
            socket.connect(server.address(), 2000);
            socket.setSoTimeout(2000);
            // sent in one go before reading anything, as glibc does with A and AAAA
            DnsClient.writeFrame(socket.getOutputStream(), query(21, "a", DnsMessage.TYPE_A));
            DnsClient.writeFrame(socket.getOutputStream(), query(22, "b", DnsMessage.TYPE_A));
            DnsClient.writeFrame(socket.getOutputStream(), query(23, "a", DnsMessage.TYPE_AAAA));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Map<Integer, DnsMessage> answers = new java.util.HashMap<>();
            for (int i = 0; i < 3; i++) {
                DnsMessage answer = DnsClient.parse(DnsClient.readFrame(in));
                answers.put(answer.id(), answer);
            }
            assertThat(addresses(answers.get(21))).containsExactly(ip("172.18.0.2"));
            assertThat(addresses(answers.get(22))).containsExactly(ip("172.18.0.3"));
            assertThat(answers.get(23).answers()).isEmpty();

            DnsClient.writeFrame(socket.getOutputStream(), query(24, "b", DnsMessage.TYPE_A));
            assertThat(addresses(DnsClient.parse(DnsClient.readFrame(in)))).containsExactly(ip("172.18.0.3"));
        }
    }

    @Test
    void anIdleTcpConnectionIsClosedByTheServer() throws Exception {
        DnsServer server = server(List.of(), new DnsServer.Timeouts(UPSTREAM_TIMEOUT, Duration.ofMillis(200)));
        try (Socket socket = new Socket()) {
            socket.connect(server.address(), 2000);
            socket.setSoTimeout(2000);
            long start = System.nanoTime();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    @Test
    void udpAnswersOver512BytesAreTruncatedUnlessEdnsOrTcpAllowsThem() throws Exception {
        String[] many = new String[60];
        for (int i = 0; i < many.length; i++) {
            many[i] = "172.18.1." + (i + 1);
        }
        table.put("crowd", many);
        DnsServer server = server(List.of());

        byte[] raw = DnsClient.udpRaw(server.address(), query(31, "crowd", DnsMessage.TYPE_A), 2000).orElseThrow();
        DnsMessage truncated = DnsClient.parse(raw);
        assertThat(raw.length).isLessThanOrEqualTo(512);
        assertThat(truncated.isTruncated()).isTrue();
        assertThat(truncated.answers()).hasSizeBetween(1, many.length - 1);

        DnsMessage overTcp = DnsClient.tcp(server.address(), query(32, "crowd", DnsMessage.TYPE_A));
        assertThat(overTcp.isTruncated()).isFalse();
        assertThat(overTcp.answers()).hasSize(many.length);

        byte[] ednsRaw = DnsClient.udpRaw(server.address(), queryWithEdns(33, "crowd", DnsMessage.TYPE_A, 4096), 2000)
                .orElseThrow();
        DnsMessage edns = DnsClient.parse(ednsRaw);
        assertThat(edns.isTruncated()).isFalse();
        assertThat(edns.answers()).hasSize(many.length);
        assertThat(edns.opt()).hasValueSatisfying(opt -> assertThat(opt.dnsClass()).isEqualTo(Responder.EDNS_PAYLOAD));
        assertThat(ednsRaw.length).isGreaterThan(512);
    }

    @Test
    void aTruncatedUpstreamAnswerIsPassedOnSoTheClientRetriesOverTcp() throws Exception {
        FakeUpstream upstream = upstream(new FakeUpstream(q -> Optional.of(
                FakeUpstream.answer(q, DnsMessage.FLAG_TC, "10.7.7.7"))));
        DnsServer server = server(List.of(upstream.address()));

        DnsMessage answer = DnsClient.udp(server.address(), query(41, "large.example", DnsMessage.TYPE_TXT));

        assertThat(answer.isTruncated()).isTrue();
        assertThat(answer.id()).isEqualTo(41);
        assertThat(upstream.received()).singleElement()
                .satisfies(r -> assertThat(r.transport()).isEqualTo(Transport.UDP));
    }

    @Test
    void malformedPacketsGetNoAnswerOrFormerrAndTheNextQueryIsAnswered() throws Exception {
        table.put("db", "172.18.0.2");
        DnsServer server = server(List.of());
        byte[] shortPacket = {1, 2, 3, 4, 5};
        // a header promising one question whose name is a pointer to itself
        byte[] loop = {0, 51, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 12, 0, 1, 0, 1};
        byte[] cutShort = java.util.Arrays.copyOf(query(52, "db", DnsMessage.TYPE_A), 15);
        byte[] anAnswer = DnsClient.udpRaw(server.address(), query(53, "db", DnsMessage.TYPE_A), 2000).orElseThrow();

        assertThat(DnsClient.udpRaw(server.address(), shortPacket, 200)).isEmpty();
        assertThat(DnsClient.udpRaw(server.address(), anAnswer, 200)).isEmpty();
        DnsMessage looped = DnsClient.parse(DnsClient.udpRaw(server.address(), loop, 2000).orElseThrow());
        assertThat(looped.id()).isEqualTo(51);
        assertThat(looped.rcode()).isEqualTo(DnsMessage.RCODE_FORMERR);
        DnsMessage cut = DnsClient.parse(DnsClient.udpRaw(server.address(), cutShort, 2000).orElseThrow());
        assertThat(cut.rcode()).isEqualTo(DnsMessage.RCODE_FORMERR);

        DnsMessage answer = DnsClient.udp(server.address(), query(54, "db", DnsMessage.TYPE_A));
        assertThat(addresses(answer)).containsExactly(ip("172.18.0.2"));
        DnsMessage overTcp = DnsClient.tcp(server.address(), loop);
        assertThat(overTcp.rcode()).isEqualTo(DnsMessage.RCODE_FORMERR);
    }

    @Test
    void ednsQueriesAreAnsweredWithAMinimalOptAndUnknownVersionsWithBadvers() throws Exception {
        table.put("db", "172.18.0.2");
        DnsServer server = server(List.of());

        DnsMessage answer = DnsClient.udp(server.address(), queryWithEdns(61, "db", DnsMessage.TYPE_A, 1232));
        assertThat(addresses(answer)).containsExactly(ip("172.18.0.2"));
        assertThat(answer.opt()).hasValueSatisfying(opt -> {
            assertThat(opt.ttl()).isZero();
            assertThat(opt.data()).isEmpty();
        });

        var question = new DnsMessage.Question(DnsName.of("db"), DnsMessage.TYPE_A, DnsMessage.CLASS_IN);
        byte[] version1 = new DnsMessage(62, DnsMessage.FLAG_RD, List.of(question), List.of(), List.of(),
                List.of(new ResourceRecord(DnsName.ROOT, DnsMessage.TYPE_OPT, 1232, 1L << 16, new byte[0]))).encode();
        DnsMessage badvers = DnsClient.udp(server.address(), version1);
        assertThat(badvers.answers()).isEmpty();
        assertThat(badvers.rcode()).isZero();
        assertThat(badvers.opt()).hasValueSatisfying(opt -> assertThat(opt.ttl() >>> 24).isEqualTo(1));
    }

    @Test
    void answersFollowTheTableFromOneQueryToTheNext() throws Exception {
        FakeUpstream upstream = upstream(new FakeUpstream(q -> Optional.of(FakeUpstream.failure(q,
                DnsMessage.RCODE_NXDOMAIN))));
        DnsServer server = server(List.of(upstream.address()));
        table.put("web", "172.18.0.3");
        assertThat(addresses(DnsClient.udp(server.address(), query(71, "web", DnsMessage.TYPE_A))))
                .containsExactly(ip("172.18.0.3"));

        table.put("web", "172.18.0.3", "172.18.0.9");
        assertThat(addresses(DnsClient.udp(server.address(), query(72, "web", DnsMessage.TYPE_A))))
                .containsExactlyInAnyOrder(ip("172.18.0.3"), ip("172.18.0.9"));

        table.names.remove("web");
        DnsMessage gone = DnsClient.udp(server.address(), query(73, "web", DnsMessage.TYPE_A));
        assertThat(gone.rcode()).isEqualTo(DnsMessage.RCODE_NXDOMAIN);
        assertThat(upstream.received()).hasSize(1);
    }

    @Test
    void aFailingTableIsServfailNotSilence() throws Exception {
        NameTable broken = new NameTable() {
            @Override
            public List<Inet4Address> lookup(String name) {
                throw new IllegalStateException("store unreadable");
            }

            @Override
            public Optional<String> reverse(Inet4Address address) {
                return Optional.empty();
            }
        };
        DnsServer server = DnsServer.start(InetAddress.getLoopbackAddress(), 0, broken, List.of());
        toClose.add(server);
        assertThat(DnsClient.udp(server.address(), query(81, "db", DnsMessage.TYPE_A)).rcode())
                .isEqualTo(DnsMessage.RCODE_SERVFAIL);
    }

    @Test
    void manyConcurrentQueriesAreAllAnswered() throws Exception {
        table.put("web", "172.18.0.3", "172.18.0.4");
        DnsServer server = server(List.of());
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<DnsMessage>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int id = i;
                answers.add(clients.submit(() -> id % 4 == 0
                        ? DnsClient.tcp(server.address(), query(id, "web", DnsMessage.TYPE_A))
                        : DnsClient.udp(server.address(), query(id, "web", DnsMessage.TYPE_A))));
            }
            for (int i = 0; i < answers.size(); i++) {
                DnsMessage answer = answers.get(i).get();
                assertThat(answer.id()).isEqualTo(i);
                assertThat(answer.answers()).hasSize(2);
            }
        }
    }

    @Test
    void closeFreesBothPortsAtOnceAndStopsEveryThread() throws Exception {
        table.put("db", "172.18.0.2");
        DnsServer first = DnsServer.start(InetAddress.getLoopbackAddress(), 0, table, List.of());
        int port = first.address().getPort();
        Socket idle = new Socket();
        idle.connect(first.address(), 2000);
        DnsClient.udp(first.address(), query(91, "db", DnsMessage.TYPE_A));
        first.close();
        assertThat(first.isTerminated()).isTrue();
        idle.close();

        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertThat(udp.getLocalPort()).isEqualTo(port);
        }
        DnsServer second = DnsServer.start(InetAddress.getLoopbackAddress(), port, table, List.of());
        toClose.add(second);
        assertThat(addresses(DnsClient.tcp(second.address(), query(92, "db", DnsMessage.TYPE_A))))
                .containsExactly(ip("172.18.0.2"));
    }

    @Test
    void closeAbandonsForwardedQueriesAtOnce() throws Exception {
        FakeUpstream silent = upstream(new FakeUpstream(q -> Optional.empty()));
        DnsServer server = DnsServer.start(InetAddress.getLoopbackAddress(), 0, table, List.of(silent.address()),
                new DnsServer.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        try (Socket socket = new Socket()) {
            socket.connect(server.address(), 2000);
            DnsClient.writeFrame(socket.getOutputStream(), query(94, "slow.example", DnsMessage.TYPE_A));
            DnsClient.udpRaw(server.address(), query(95, "slow.example", DnsMessage.TYPE_A), 100);
            while (silent.received().size() < 2) {
                Thread.sleep(5);
            }
            long start = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(server.isTerminated()).isTrue();
            socket.setSoTimeout(2000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatCode(() -> DnsServer.start(InetAddress.getLoopbackAddress(), taken.getLocalPort(), table,
                    List.of()).close())
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining(":" + taken.getLocalPort());
        }
    }

    @Test
    void theServerIsNeverItsOwnUpstream() throws Exception {
        DnsServer probe = DnsServer.start(InetAddress.getLoopbackAddress(), 0, table, List.of());
        int port = probe.address().getPort();
        probe.close();
        DnsServer server = DnsServer.start(InetAddress.getLoopbackAddress(), port, table,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)),
                new DnsServer.Timeouts(UPSTREAM_TIMEOUT, Duration.ofSeconds(1)));
        toClose.add(server);
        long start = System.nanoTime();
        assertThat(DnsClient.udp(server.address(), query(93, "example.com", DnsMessage.TYPE_A)).rcode())
                .isEqualTo(DnsMessage.RCODE_SERVFAIL);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(UPSTREAM_TIMEOUT);
    }
}
