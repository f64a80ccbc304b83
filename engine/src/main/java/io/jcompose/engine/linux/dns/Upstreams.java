package io.jcompose.engine.linux.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The resolvers a DNS server forwards to, as the host's resolv.conf names them. */
public final class Upstreams {

    public static final int PORT = 53;
    public static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");

    private Upstreams() {
    }

    /**
     * Nameservers of a resolv.conf text (port 53), in order, each once. Entries that are not address literals are
     * skipped, as the C library does, and never looked up: a resolver cannot be found by asking a resolver.
     */
    public static List<InetSocketAddress> parse(String resolvConf) {
        List<InetSocketAddress> upstreams = new ArrayList<>();
        for (String line : resolvConf.split("\\R")) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 2 || !words[0].equals("nameserver")) {
                continue;
            }
            String literal = words[1];
            if (literal.startsWith("#") || literal.startsWith(";")) {
                continue;
            }
            try {
                var upstream = new InetSocketAddress(InetAddress.ofLiteral(literal), PORT);
                if (!upstreams.contains(upstream)) {
                    upstreams.add(upstream);
                }
            } catch (IllegalArgumentException e) {
                // not an address: the C library ignores such a line too
            }
        }
        return List.copyOf(upstreams);
    }

    /** The nameservers of a resolv.conf file; none when it does not exist. */
    public static List<InetSocketAddress> read(Path resolvConf) {
        try {
            return parse(Files.readString(resolvConf, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resolvConf, e);
        }
    }

    /** The nameservers of the host's {@code /etc/resolv.conf}. */
    public static List<InetSocketAddress> host() {
        return read(HOST_RESOLV_CONF);
    }
}
