package io.jcompose.engine.docker;

import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.NotFoundException;
import io.jcompose.engine.spi.RuntimeFailureException;
import io.jcompose.engine.spi.StdStreams;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An exec or attach with input, spoken over a raw connection to the daemon: the Engine API upgrades the HTTP
 * request to a bidirectional stream. docker-java's transports never half-close that stream when the input ends, so
 * {@code echo x | exec cat} would wait for ever; here the end of the input shuts down our side of the socket, which
 * the daemon passes on to the process as end of file. Only for {@code unix://} and plain {@code tcp://} hosts.
 */
final class HijackedStdin {

    private final String dockerHost;

    private HijackedStdin(String dockerHost) {
        this.dockerHost = dockerHost;
    }

    /** Empty for hosts this cannot reach without TLS; those keep docker-java's stream. */
    static Optional<HijackedStdin> forHost(String dockerHost, boolean tls) {
        return !tls && (dockerHost.startsWith("unix://") || dockerHost.startsWith("tcp://"))
                ? Optional.of(new HijackedStdin(dockerHost)) : Optional.empty();
    }

    /**
     * POSTs {@code path} with {@code jsonBody} asking for an upgrade, runs {@code attached} once the daemon has
     * upgraded (run starts its one-off there), then copies {@code streams.in()} up (then half-closes) and the
     * demultiplexed output down, until the daemon closes the stream.
     */
    void run(String path, String jsonBody, boolean tty, StdStreams streams, Runnable attached)
            throws IOException, InterruptedException {
        try (SocketChannel channel = open()) {
            OutputStream up = new ChannelOut(channel);
            byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
            up.write(("POST " + path + " HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            up.write(body);
            InputStream down = new BufferedInputStream(new ChannelIn(channel));
            String status = statusLine(down);
            refused(status, path);
            attached.run();
            // a platform thread: left blocked on an input that has not ended, it is one that a JVM kept for the next
            // command sees (the standby JVM), which then ends rather than let it read the next command's input
            Thread pump = Thread.ofPlatform().daemon().name("jcompose-stdin").start(() -> pump(
                    streams.in().orElse(InputStream.nullInputStream()), up, channel));
            try {
                copyOutput(down, tty, streams);
            } finally {
                pump.interrupt();
            }
        }
    }

    /** The daemon answers 101 (or 200 before API 1.22) when it upgrades; anything else is a refusal. */
    private static void refused(String status, String path) {
        String[] parts = status.split(" ", 3);
        String code = parts.length > 1 ? parts[1] : "";
        String what = "the daemon refused " + path + ": " + status;
        switch (code) {
            case "101", "200" -> { }
            case "404" -> throw new NotFoundException(what);
            case "409" -> throw new ConflictException(what);
            default -> throw new RuntimeFailureException(what);
        }
    }

    private SocketChannel open() throws IOException {
        URI uri = URI.create(dockerHost);
        if (dockerHost.startsWith("unix://")) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(uri.getPath()));
            return channel;
        }
        return SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()));
    }

    /** Reads the status line and skips the headers, leaving the stream at the first byte of the upgraded stream. */
    private static String statusLine(InputStream in) throws IOException {
        String status = line(in);
        while (!line(in).isEmpty()) {
            // headers say nothing we need
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                out.write(b);
            }
        }
        if (b < 0 && out.size() == 0) {
            throw new IOException("the daemon closed the connection before answering");
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static void pump(InputStream in, OutputStream up, SocketChannel channel) {
        try (in) {
            in.transferTo(up);
            channel.shutdownOutput();
        } catch (IOException e) {
            // the process ended first, or the caller's input failed: either way there is no one left to feed
        }
    }

    /** Without a TTY the daemon frames output: 1 byte stream (1 out, 2 err), 3 zero bytes, 4 bytes length. */
    private static void copyOutput(InputStream down, boolean tty, StdStreams streams) throws IOException {
        if (tty) {
            down.transferTo(streams.out());
            streams.out().flush();
            return;
        }
        byte[] header = new byte[8];
        while (down.readNBytes(header, 0, 8) == 8) {
            int size = ByteBuffer.wrap(header, 4, 4).getInt();
            OutputStream target = header[0] == 2 ? streams.err() : streams.out();
            target.write(down.readNBytes(size));
            target.flush();
        }
    }

    /** Socket channels allow one reader and one writer at once; {@code Channels} streams would lock each other out. */
    private static final class ChannelIn extends InputStream {
        private final SocketChannel channel;

        ChannelIn(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = channel.read(ByteBuffer.wrap(b, off, len));
            return n == 0 && len > 0 ? read(b, off, len) : n;
        }
    }

    private static final class ChannelOut extends OutputStream {
        private final SocketChannel channel;

        ChannelOut(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }
}
