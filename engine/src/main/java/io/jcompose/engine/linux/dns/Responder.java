package io.jcompose.engine.linux.dns;

import io.jcompose.engine.linux.dns.DnsMessage.Question;
import io.jcompose.engine.linux.dns.DnsMessage.ResourceRecord;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns one query packet into its answer packet: names of the {@link NameTable} are answered here, the rest goes to
 * the {@link Forwarder}. Knows nothing of sockets, so the server's transports share it.
 */
final class Responder {

    /** Answers follow containers as they come and go (scale, recreate, stop): nobody may keep them. */
    static final long TTL = 0;
    /** What our own EDNS answers offer to take over UDP (the DNS flag day 2020 size, safe from fragmentation). */
    static final int EDNS_PAYLOAD = 1232;

    private static final DnsName REVERSE_ZONE = DnsName.of("in-addr.arpa");

    private final NameTable names;
    private final Forwarder forwarder;
    // turns the order of addresses from one answer to the next, as Docker's round robin does
    private final AtomicInteger rotation = new AtomicInteger();

    Responder(NameTable names, Forwarder forwarder) {
        this.names = names;
        this.forwarder = forwarder;
    }

    /** The answer to {@code packet}, or empty when it deserves none (too short to answer, or itself an answer). */
    Optional<byte[]> respond(byte[] packet, Transport transport) {
        return respond(packet, transport, null);
    }

    /** As {@link #respond(byte[], Transport)}, knowing who asks ({@code null}: unknown). */
    Optional<byte[]> respond(byte[] packet, Transport transport, java.net.InetAddress client) {
        if (packet.length < DnsMessage.HEADER_LENGTH || (DnsMessage.flags(packet) & DnsMessage.FLAG_QR) != 0) {
            // answering answers could set two servers talking to each other forever
            return Optional.empty();
        }
        DnsMessage query;
        try {
            query = DnsMessage.parse(packet);
        } catch (DnsFormatException e) {
            return Optional.of(headerOnly(DnsMessage.id(packet), DnsMessage.flags(packet), DnsMessage.RCODE_FORMERR));
        }
        try {
            return Optional.of(answer(query, packet, transport, client));
        } catch (RuntimeException e) {
            // a table that fails must not cost the client its timeout
            return Optional.of(reply(query, DnsMessage.RCODE_SERVFAIL, 0, List.of()).encode(limit(query, transport)));
        }
    }

    private byte[] answer(DnsMessage query, byte[] packet, Transport transport, java.net.InetAddress client) {
        if (query.opcode() != DnsMessage.OPCODE_QUERY) {
            return reply(query, DnsMessage.RCODE_NOTIMP, 0, List.of()).encode(limit(query, transport));
        }
        List<ResourceRecord> opts = query.additionals().stream().filter(r -> r.type() == DnsMessage.TYPE_OPT).toList();
        if (query.questions().size() != 1 || opts.size() > 1) {
            return reply(query, DnsMessage.RCODE_FORMERR, 0, List.of()).encode(limit(query, transport));
        }
        if (!opts.isEmpty() && opts.getFirst().ednsVersion() != 0) {
            return reply(query, DnsMessage.RCODE_BADVERS, 0, List.of()).encode(limit(query, transport));
        }
        Question question = query.questions().getFirst();
        if (question.dnsClass() == DnsMessage.CLASS_IN || question.dnsClass() == DnsMessage.CLASS_ANY) {
            Optional<DnsMessage> local = local(query, question, client);
            if (local.isPresent()) {
                return local.get().encode(limit(query, transport));
            }
        }
        return forwarder.forward(packet, transport)
                .orElseGet(() -> reply(query, DnsMessage.RCODE_SERVFAIL, 0, List.of()).encode(limit(query, transport)));
    }

    /** Our answer, when the name is ours. */
    private Optional<DnsMessage> local(DnsMessage query, Question question, java.net.InetAddress client) {
        DnsName name = question.name();
        if (name.labels().isEmpty() || !name.isPlain()) {
            return Optional.empty();
        }
        if (name.endsWith(REVERSE_ZONE)) {
            // PTR of our addresses only; other reverse names, ours or not, are the upstream's to answer
            if (question.type() != DnsMessage.TYPE_PTR) {
                return Optional.empty();
            }
            return reverseAddress(name).flatMap(names::reverse).map(target -> reply(query, DnsMessage.RCODE_NOERROR,
                    DnsMessage.FLAG_AA, List.of(ResourceRecord.ptr(name, DnsName.of(target), TTL))));
        }
        String wanted = name.toLowerCase().toString();
        List<Inet4Address> addresses = client == null ? names.lookup(wanted) : names.lookup(wanted, client);
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        List<ResourceRecord> records = new ArrayList<>();
        if (question.type() == DnsMessage.TYPE_A || question.type() == DnsMessage.TYPE_ANY) {
            int start = Math.floorMod(rotation.getAndIncrement(), addresses.size());
            for (int i = 0; i < addresses.size(); i++) {
                records.add(ResourceRecord.a(name, addresses.get((start + i) % addresses.size()), TTL));
            }
        }
        // other types (AAAA above all) get NOERROR without records: NXDOMAIN would make resolvers drop the A answer
        return Optional.of(reply(query, DnsMessage.RCODE_NOERROR, DnsMessage.FLAG_AA, records));
    }

    /** The address of {@code d.c.b.a.in-addr.arpa}, if the name is one. */
    private static Optional<Inet4Address> reverseAddress(DnsName name) {
        List<String> labels = name.labels();
        if (labels.size() != 6) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String label = labels.get(3 - i);
            if (label.length() > 3 || !label.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (label.length() > 1 && label.charAt(0) == '0')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(label);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    /** An answer to {@code query} echoing its question (and its EDNS, with our own size) and its RD flag. */
    private static DnsMessage reply(DnsMessage query, int rcode, int extraFlags, List<ResourceRecord> answers) {
        int flags = DnsMessage.FLAG_QR | (query.flags() & (0xf << 11)) | (query.flags() & DnsMessage.FLAG_RD)
                | DnsMessage.FLAG_RA | extraFlags | (rcode & 0xf);
        List<ResourceRecord> additionals = query.opt().isPresent()
                ? List.of(new ResourceRecord(DnsName.ROOT, DnsMessage.TYPE_OPT, EDNS_PAYLOAD,
                        (long) (rcode >>> 4) << 24, new byte[0]))
                : List.of();
        return new DnsMessage(query.id(), flags, query.questions(), answers, List.of(), additionals);
    }

    private static byte[] headerOnly(int id, int queryFlags, int rcode) {
        int flags = DnsMessage.FLAG_QR | (queryFlags & (0xf << 11)) | (queryFlags & DnsMessage.FLAG_RD)
                | DnsMessage.FLAG_RA | rcode;
        return new DnsMessage(id, flags, List.of(), List.of(), List.of(), List.of()).encode();
    }

    /** How long our answer may be: 512 bytes over UDP unless the query's EDNS allows more (RFC 6891 §6.2.5). */
    private static int limit(DnsMessage query, Transport transport) {
        if (transport == Transport.TCP) {
            return 0xffff;
        }
        return query.opt()
                .map(opt -> Math.clamp(opt.dnsClass(), DnsMessage.UDP_LIMIT, EDNS_PAYLOAD))
                .orElse(DnsMessage.UDP_LIMIT);
    }
}
