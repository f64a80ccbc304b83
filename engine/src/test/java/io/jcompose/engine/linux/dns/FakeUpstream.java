package io.jcompose.engine.linux.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A resolver for the server to forward to, over UDP and TCP on one port: answers as the test says, notes what came. */
final class FakeUpstream implements AutoCloseable {

    /** A query the upstream received, and how. */
    record Received(DnsMessage query, Transport transport) {
    }

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Function<DnsMessage, Optional<byte[]>> answers;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** {@code answers} gives the packet to send back to a query (its id already the query's), or empty for silence. */
    FakeUpstream(Function<DnsMessage, Optional<byte[]>> answers) throws IOException {
        this.answers = answers;
        DatagramSocket boundUdp = null;
        ServerSocket boundTcp = null;
        for (int attempt = 0; boundTcp == null; attempt++) {
            boundUdp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                boundTcp = new ServerSocket(boundUdp.getLocalPort(), 16, InetAddress.getLoopbackAddress());
            } catch (BindException e) {
                boundUdp.close();
                if (attempt > 10) {
                    throw e;
                }
            }
        }
        udp = boundUdp;
        tcp = boundTcp;
        threads.execute(this::serveUdp);
        threads.execute(this::serveTcp);
    }

    /** An upstream that answers every query with one A record of {@code address}, AA clear, as a recursor would. */
    static FakeUpstream answering(String address) throws IOException {
        return new FakeUpstream(query -> Optional.of(answer(query, 0, address)));
    }

    static byte[] answer(DnsMessage query, int extraFlags, String address) {
        try {
            var record = DnsMessage.ResourceRecord.a(query.questions().getFirst().name(),
                    (java.net.Inet4Address) InetAddress.getByName(address), 300);
            return new DnsMessage(query.id(), DnsMessage.FLAG_QR | DnsMessage.FLAG_RD | DnsMessage.FLAG_RA | extraFlags,
                    query.questions(), List.of(record), List.of(), List.of()).encode();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] failure(DnsMessage query, int rcode) {
        return new DnsMessage(query.id(), DnsMessage.FLAG_QR | DnsMessage.FLAG_RA | rcode, query.questions(),
                List.of(), List.of(), List.of()).encode();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) udp.getLocalSocketAddress();
    }

    List<Received> received() {
        return received;
    }

    private void serveUdp() {
        byte[] buffer = new byte[0xffff];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                DnsMessage query = DnsMessage.parse(Arrays.copyOf(buffer, packet.getLength()));
                received.add(new Received(query, Transport.UDP));
                Optional<byte[]> answer = answers.apply(query);
                if (answer.isPresent()) {
                    udp.send(new DatagramPacket(answer.get(), answer.get().length, packet.getSocketAddress()));
                }
            } catch (IOException | DnsFormatException e) {
                // closed, or a packet the test did not mean: next
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket connection = tcp.accept();
                threads.execute(() -> serveConnection(connection));
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    private void serveConnection(Socket connection) {
        try (connection) {
            connection.setSoTimeout(5000);
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DnsMessage query = DnsMessage.parse(DnsClient.readFrame(in));
            received.add(new Received(query, Transport.TCP));
            Optional<byte[]> answer = answers.apply(query);
            if (answer.isPresent()) {
                DnsClient.writeFrame(connection.getOutputStream(), answer.get());
            } else {
                // silent means silent: the connection stays open, unanswered, until the other side gives up
                in.read();
            }
        } catch (IOException | DnsFormatException e) {
            // closed, or a connection the test did not mean: next
        }
    }

    @Override
    public void close() throws Exception {
        udp.close();
        tcp.close();
        threads.shutdownNow();
        threads.awaitTermination(2, TimeUnit.SECONDS);
    }
}
