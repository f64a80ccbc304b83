package io.jcompose.engine.linux.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Sends a query to the upstream resolvers in turn and hands back the first real answer, as it came, with the client's
 * id. Each attempt uses a fresh socket (a random source port) and a random id, so that a stray or forged packet is not
 * taken for the answer.
 */
public final class Forwarder {

    private static final int MAX_MESSAGE = 0xffff;

    private final List<InetSocketAddress> upstreams;
    private final Duration timeout;
    private final RandomGenerator random = new SecureRandom();

    /** {@code timeout} is how long each upstream gets before the next one is asked. */
    public Forwarder(List<InetSocketAddress> upstreams, Duration timeout) {
        this.upstreams = List.copyOf(upstreams);
        this.timeout = timeout;
    }

    public List<InetSocketAddress> upstreams() {
        return upstreams;
    }

    /**
     * The answer of the first upstream that gives one to {@code query} (a whole packet, at least a header long), over
     * the same transport; empty when none does. SERVFAIL and REFUSED send the query on to the next upstream, as the C
     * library's resolver does, and are returned only when no later upstream does better.
     */
    public Optional<byte[]> forward(byte[] query, Transport transport) {
        int clientId = DnsMessage.id(query);
        byte[] fallback = null;
        for (InetSocketAddress upstream : upstreams) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            int id = random.nextInt(0x10000);
            byte[] outgoing = query.clone();
            DnsMessage.setId(outgoing, id);
            Optional<byte[]> answer;
            try {
                answer = switch (transport) {
                    case UDP -> overUdp(upstream, outgoing, id);
                    case TCP -> overTcp(upstream, outgoing, id);
                };
            } catch (IOException e) {
                // unreachable, refused, reset or silent: the next one may do
                continue;
            }
            if (answer.isEmpty()) {
                continue;
            }
            byte[] packet = answer.get();
            DnsMessage.setId(packet, clientId);
            int rcode = DnsMessage.flags(packet) & 0xf;
            if (rcode != DnsMessage.RCODE_SERVFAIL && rcode != DnsMessage.RCODE_REFUSED) {
                return Optional.of(packet);
            }
            fallback = packet;
        }
        return Optional.ofNullable(fallback);
    }

    private Optional<byte[]> overUdp(InetSocketAddress upstream, byte[] query, int id) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            // connected: the kernel drops datagrams from anyone else, and an ICMP refusal ends the wait at once
            socket.connect(upstream);
            socket.send(new DatagramPacket(query, query.length));
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buffer = new byte[MAX_MESSAGE];
            while (true) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left <= 0) {
                    return Optional.empty();
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return Optional.empty();
                }
                if (isAnswerTo(buffer, packet.getLength(), id)) {
                    return Optional.of(Arrays.copyOf(buffer, packet.getLength()));
                }
            }
        }
    }

    private Optional<byte[]> overTcp(InetSocketAddress upstream, byte[] query, int id) throws IOException {
        try (Socket socket = new Socket()) {
            int millis = (int) Math.max(1, timeout.toMillis());
            socket.connect(upstream, millis);
            socket.setSoTimeout(millis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] framed = new byte[2 + query.length];
            framed[0] = (byte) (query.length >>> 8);
            framed[1] = (byte) query.length;
            System.arraycopy(query, 0, framed, 2, query.length);
            out.write(framed);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[in.readUnsignedShort()];
            in.readFully(answer);
            return isAnswerTo(answer, answer.length, id) ? Optional.of(answer) : Optional.empty();
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
    }

    private static boolean isAnswerTo(byte[] packet, int length, int id) {
        return length >= DnsMessage.HEADER_LENGTH && DnsMessage.id(packet) == id
                && (DnsMessage.flags(packet) & DnsMessage.FLAG_QR) != 0;
    }
}
