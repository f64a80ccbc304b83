package io.jcompose.engine.linux.dns;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The name server of one network, like Docker's embedded DNS: answers for the containers of a {@link NameTable} and
 * forwards every other name to the host's resolvers, over UDP and TCP on the same port, a virtual thread per query.
 */
public final class DnsServer implements AutoCloseable {

    /** How long the server waits: for each upstream resolver, and for the next query on an idle TCP connection. */
    public record Timeouts(Duration upstream, Duration tcpIdle) {

        /** Two seconds an upstream, as resolv.conf's default gives five to a whole query; TCP idle ten seconds. */
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    // beyond this many open TCP connections, new ones are closed at once rather than starve the queries
    private static final int MAX_TCP_CONNECTIONS = 256;
    private static final int MAX_UDP_QUERY = 0xffff;
    private static final int BIND_ATTEMPTS = 16;

    private final InetSocketAddress address;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Responder responder;
    private final Timeouts timeouts;
    private final ExecutorService threads;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DnsServer(DatagramSocket udp, ServerSocket tcp, Responder responder, Timeouts timeouts) {
        this.udp = udp;
        this.tcp = tcp;
        this.address = (InetSocketAddress) udp.getLocalSocketAddress();
        this.responder = responder;
        this.timeouts = timeouts;
        this.threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dns-" + address + "-", 0).factory());
    }

    /**
     * Listens on UDP and TCP {@code address}:{@code port} (0 picks a port free for both), answering from
     * {@code names} and forwarding the rest to {@code upstreams} (the host's resolvers: see {@link Upstreams}).
     * Returns once bound; fails with an {@link UncheckedIOException} when the port is taken.
     */
    public static DnsServer start(InetAddress address, int port, NameTable names, List<InetSocketAddress> upstreams) {
        return start(address, port, names, upstreams, Timeouts.DEFAULT);
    }

    /** {@link #start(InetAddress, int, NameTable, List)} with other timeouts. */
    public static DnsServer start(InetAddress address, int port, NameTable names, List<InetSocketAddress> upstreams,
            Timeouts timeouts) {
        DnsServer server = bind(address, port, names, upstreams, timeouts);
        server.threads.execute(server::serveUdp);
        server.threads.execute(server::serveTcp);
        return server;
    }

    private static DnsServer bind(InetAddress address, int port, NameTable names, List<InetSocketAddress> upstreams,
            Timeouts timeouts) {
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            DatagramSocket udp = null;
            try {
                udp = new DatagramSocket(new InetSocketAddress(address, port));
                ServerSocket tcp = new ServerSocket();
                try {
                    // a restarted server must get its port back while old connections sit in TIME_WAIT
                    tcp.setReuseAddress(true);
                    tcp.bind(new InetSocketAddress(address, udp.getLocalPort()), 128);
                } catch (IOException e) {
                    tcp.close();
                    throw e;
                }
                InetSocketAddress self = (InetSocketAddress) udp.getLocalSocketAddress();
                // asking ourselves would send a query round in circles until every client timed out
                List<InetSocketAddress> others = upstreams.stream().filter(u -> !u.equals(self)).toList();
                var responder = new Responder(names, new Forwarder(others, timeouts.upstream()));
                return new DnsServer(udp, tcp, responder, timeouts);
            } catch (BindException e) {
                // with port 0, the UDP port the kernel chose may be taken over TCP: try another
                last = e;
                if (udp != null) {
                    udp.close();
                }
            } catch (IOException e) {
                if (udp != null) {
                    udp.close();
                }
                throw new UncheckedIOException("DNS server on " + address.getHostAddress() + ":" + port, e);
            }
        }
        throw new UncheckedIOException("DNS server on " + address.getHostAddress() + ":" + port, last);
    }

    /** Where the server listens, over UDP and TCP alike. */
    public InetSocketAddress address() {
        return address;
    }

    private void serveUdp() {
        byte[] buffer = new byte[MAX_UDP_QUERY];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            byte[] query = Arrays.copyOf(buffer, packet.getLength());
            InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
            submit(() -> answerUdp(query, client));
        }
    }

    private void answerUdp(byte[] query, InetSocketAddress client) {
        Optional<byte[]> answer = responder.respond(query, Transport.UDP, client.getAddress());
        if (answer.isPresent()) {
            try {
                udp.send(new DatagramPacket(answer.get(), answer.get().length, client));
            } catch (IOException e) {
                // the client is gone or the server closed: nobody to tell
            }
        }
    }

    private void serveTcp() {
        while (!closed) {
            Socket connection;
            try {
                connection = tcp.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (connections.size() >= MAX_TCP_CONNECTIONS) {
                closeQuietly(connection);
                continue;
            }
            connections.add(connection);
            if (closed) {
                // close() may have run between accept and add, and missed this one
                closeQuietly(connection);
                return;
            }
            submit(() -> serveConnection(connection));
        }
    }

    /**
     * Reads framed queries (RFC 1035 §4.2.2) until the client closes or stays idle; queries are answered
     * concurrently (RFC 7766 §6.2.1.1), each answer written whole under the connection's lock.
     */
    private void serveConnection(Socket connection) {
        List<Future<?>> pending = new ArrayList<>();
        try (connection) {
            connection.setSoTimeout((int) Math.max(1, timeouts.tcpIdle().toMillis()));
            connection.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (!closed) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (SocketTimeoutException e) {
                    pending.removeIf(Future::isDone);
                    if (pending.isEmpty()) {
                        return;
                    }
                    continue;
                } catch (EOFException e) {
                    break;
                }
                byte[] query = new byte[length];
                in.readFully(query);
                pending.removeIf(Future::isDone);
                pending.add(threads.submit(() -> answerTcp(query, out, connection)));
            }
            // a client may send its queries and shut its side: the answers still go out
            for (Future<?> answer : pending) {
                answer.get();
            }
        } catch (IOException | ExecutionException | RejectedExecutionException e) {
            // the connection broke, or the server closed: nothing to answer any more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(connection);
        }
    }

    private void answerTcp(byte[] query, OutputStream out, Socket connection) {
        Optional<byte[]> answer = responder.respond(query, Transport.TCP, connection.getInetAddress());
        if (answer.isEmpty()) {
            return;
        }
        byte[] packet = answer.get();
        byte[] framed = new byte[2 + packet.length];
        framed[0] = (byte) (packet.length >>> 8);
        framed[1] = (byte) packet.length;
        System.arraycopy(packet, 0, framed, 2, packet.length);
        synchronized (out) {
            try {
                out.write(framed);
                out.flush();
            } catch (IOException e) {
                closeQuietly(connection);
            }
        }
    }

    private void submit(Runnable task) {
        try {
            threads.execute(task);
        } catch (RejectedExecutionException e) {
            // closing: the query goes unanswered like any lost datagram
        }
    }

    /** Stops listening and frees the ports at once; queries under way are abandoned. */
    @Override
    public void close() {
        closed = true;
        udp.close();
        closeQuietly(tcp);
        connections.forEach(DnsServer::closeQuietly);
        // interrupting a virtual thread closes the socket it waits on, forwarded queries included
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether every thread of the server has ended, once closed. */
    boolean isTerminated() {
        return threads.isTerminated();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed or broken: closed either way
        }
    }

    @Override
    public String toString() {
        return "DnsServer[" + address + "]";
    }
}
