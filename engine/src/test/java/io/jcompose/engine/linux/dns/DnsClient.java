package io.jcompose.engine.linux.dns;

import io.jcompose.engine.linux.dns.DnsMessage.Question;
import io.jcompose.engine.linux.dns.DnsMessage.ResourceRecord;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The smallest DNS client the tests need: encodes a query, sends it over UDP or TCP, reads the answer. */
final class DnsClient {

    private DnsClient() {
    }

    static byte[] query(int id, String name, int type) {
        return new DnsMessage(id, DnsMessage.FLAG_RD, List.of(new Question(DnsName.of(name), type, DnsMessage.CLASS_IN)),
                List.of(), List.of(), List.of()).encode();
    }

    static byte[] queryWithEdns(int id, String name, int type, int payloadSize) {
        return new DnsMessage(id, DnsMessage.FLAG_RD, List.of(new Question(DnsName.of(name), type, DnsMessage.CLASS_IN)),
                List.of(), List.of(), List.of(ResourceRecord.opt(payloadSize))).encode();
    }

    static DnsMessage udp(InetSocketAddress server, byte[] query) throws IOException {
        return udpRaw(server, query, 2000).map(DnsClient::parse)
                .orElseThrow(() -> new AssertionError("no answer over UDP from " + server));
    }

    /** The answer's bytes, or empty when none came within {@code millis}. */
    static Optional<byte[]> udpRaw(InetSocketAddress server, byte[] query, int millis) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(millis);
            socket.send(new DatagramPacket(query, query.length, server));
            byte[] buffer = new byte[0xffff];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            return Optional.of(Arrays.copyOf(buffer, packet.getLength()));
        }
    }

    static DnsMessage tcp(InetSocketAddress server, byte[] query) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, 2000);
            socket.setSoTimeout(2000);
            writeFrame(socket.getOutputStream(), query);
            return parse(readFrame(new DataInputStream(socket.getInputStream())));
        }
    }

    static void writeFrame(OutputStream out, byte[] message) throws IOException {
        byte[] framed = new byte[message.length + 2];
        framed[0] = (byte) (message.length >>> 8);
        framed[1] = (byte) message.length;
        System.arraycopy(message, 0, framed, 2, message.length);
        out.write(framed);
        out.flush();
    }

    static byte[] readFrame(DataInputStream in) throws IOException {
        byte[] message = new byte[in.readUnsignedShort()];
        in.readFully(message);
        return message;
    }

    static DnsMessage parse(byte[] packet) {
        try {
            return DnsMessage.parse(packet);
        } catch (DnsFormatException e) {
            throw new AssertionError("unreadable answer: " + e.getMessage(), e);
        }
    }
}
