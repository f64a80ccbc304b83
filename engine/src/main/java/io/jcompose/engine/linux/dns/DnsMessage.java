package io.jcompose.engine.linux.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** One DNS message (RFC 1035 §4.1): the header's id and flags, the question and the three sections of records. */
public record DnsMessage(int id, int flags, List<Question> questions, List<ResourceRecord> answers,
        List<ResourceRecord> authorities, List<ResourceRecord> additionals) {

    public static final int HEADER_LENGTH = 12;
    /** What a UDP answer may take when the query did not say more with EDNS (RFC 1035 §4.2.1). */
    public static final int UDP_LIMIT = 512;

    public static final int FLAG_QR = 0x8000;
    public static final int FLAG_AA = 0x0400;
    public static final int FLAG_TC = 0x0200;
    public static final int FLAG_RD = 0x0100;
    public static final int FLAG_RA = 0x0080;

    public static final int OPCODE_QUERY = 0;

    public static final int RCODE_NOERROR = 0;
    public static final int RCODE_FORMERR = 1;
    public static final int RCODE_SERVFAIL = 2;
    public static final int RCODE_NXDOMAIN = 3;
    public static final int RCODE_NOTIMP = 4;
    public static final int RCODE_REFUSED = 5;
    /** Extended (RFC 6891 §6.1.3): its upper bits travel in the OPT record. */
    public static final int RCODE_BADVERS = 16;

    public static final int TYPE_A = 1;
    public static final int TYPE_NS = 2;
    public static final int TYPE_CNAME = 5;
    public static final int TYPE_SOA = 6;
    public static final int TYPE_PTR = 12;
    public static final int TYPE_MX = 15;
    public static final int TYPE_TXT = 16;
    public static final int TYPE_AAAA = 28;
    public static final int TYPE_OPT = 41;
    public static final int TYPE_ANY = 255;

    public static final int CLASS_IN = 1;
    public static final int CLASS_ANY = 255;

    public DnsMessage {
        if ((id & ~0xffff) != 0 || (flags & ~0xffff) != 0) {
            throw new IllegalArgumentException("id and flags are 16 bits");
        }
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
    }

    /** One entry of the question section. */
    public record Question(DnsName name, int type, int dnsClass) {
    }

    /**
     * One resource record. Its data is kept as bytes; names inside the data of the classic types are stored
     * uncompressed, so that the record can be written at any place of another message.
     */
    public record ResourceRecord(DnsName name, int type, int dnsClass, long ttl, byte[] data) {

        public ResourceRecord {
            if (data.length > 0xffff) {
                throw new IllegalArgumentException("record data of " + data.length + " bytes");
            }
            data = data.clone();
        }

        /** An A record. */
        public static ResourceRecord a(DnsName name, Inet4Address address, long ttl) {
            return new ResourceRecord(name, TYPE_A, CLASS_IN, ttl, address.getAddress());
        }

        /** A PTR record pointing at {@code target}. */
        public static ResourceRecord ptr(DnsName name, DnsName target, long ttl) {
            WireWriter rdata = new WireWriter();
            rdata.name(target, false);
            return new ResourceRecord(name, TYPE_PTR, CLASS_IN, ttl, rdata.toByteArray());
        }

        /** A bare EDNS0 OPT pseudo-record (RFC 6891 §6.1.2): version 0, no options. */
        public static ResourceRecord opt(int udpPayloadSize) {
            return new ResourceRecord(DnsName.ROOT, TYPE_OPT, udpPayloadSize, 0, new byte[0]);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /** The address of an A or AAAA record. */
        public InetAddress address() {
            if (type != TYPE_A && type != TYPE_AAAA) {
                throw new IllegalStateException("type " + type + " carries no address");
            }
            try {
                return InetAddress.getByAddress(data);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("address record of " + data.length + " bytes", e);
            }
        }

        /** The name in the data of a PTR, CNAME or NS record. */
        public DnsName targetName() throws DnsFormatException {
            if (type != TYPE_PTR && type != TYPE_CNAME && type != TYPE_NS) {
                throw new IllegalStateException("type " + type + " carries no single name");
            }
            return new WireReader(data, 0, data.length).name();
        }

        /** The version field of an OPT record (RFC 6891 §6.1.3). */
        public int ednsVersion() {
            return (int) (ttl >>> 16) & 0xff;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ResourceRecord record && name.equals(record.name) && type == record.type
                    && dnsClass == record.dnsClass && ttl == record.ttl && Arrays.equals(data, record.data);
        }

        @Override
        public int hashCode() {
            return ((name.hashCode() * 31 + type) * 31 + dnsClass) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return name + " " + type + " " + dnsClass + " " + ttl + " " + HexFormat.of().formatHex(data);
        }
    }

    public boolean isResponse() {
        return (flags & FLAG_QR) != 0;
    }

    public int opcode() {
        return (flags >>> 11) & 0xf;
    }

    /** The rcode of the header (its lower four bits only, without an OPT record's extension). */
    public int rcode() {
        return flags & 0xf;
    }

    public boolean isAuthoritative() {
        return (flags & FLAG_AA) != 0;
    }

    public boolean isTruncated() {
        return (flags & FLAG_TC) != 0;
    }

    /** The EDNS0 OPT record of the additional section, if any. */
    public Optional<ResourceRecord> opt() {
        return additionals.stream().filter(r -> r.type() == TYPE_OPT).findFirst();
    }

    public static DnsMessage parse(byte[] data) throws DnsFormatException {
        return parse(data, data.length);
    }

    /** The message in the first {@code length} bytes of {@code data}; bytes after the last record are ignored. */
    public static DnsMessage parse(byte[] data, int length) throws DnsFormatException {
        WireReader in = new WireReader(data, 0, length);
        int id = in.u16();
        int flags = in.u16();
        int questionCount = in.u16();
        int answerCount = in.u16();
        int authorityCount = in.u16();
        int additionalCount = in.u16();
        List<Question> questions = new ArrayList<>(Math.min(questionCount, 16));
        for (int i = 0; i < questionCount; i++) {
            questions.add(new Question(in.name(), in.u16(), in.u16()));
        }
        return new DnsMessage(id, flags, questions, records(in, data, length, answerCount),
                records(in, data, length, authorityCount), records(in, data, length, additionalCount));
    }

    private static List<ResourceRecord> records(WireReader in, byte[] data, int length, int count)
            throws DnsFormatException {
        List<ResourceRecord> records = new ArrayList<>(Math.min(count, 64));
        for (int i = 0; i < count; i++) {
            DnsName name = in.name();
            int type = in.u16();
            int dnsClass = in.u16();
            long ttl = in.u32();
            int dataLength = in.u16();
            int start = in.position();
            byte[] rdata = in.bytes(dataLength);
            records.add(new ResourceRecord(name, type, dnsClass, ttl, expandNames(type, rdata, data, start, length)));
        }
        return records;
    }

    // the data of these types may hold compressed names (RFC 3597 §4 freezes the list), which only make sense
    // within their own message: they are written out in full
    private static byte[] expandNames(int type, byte[] rdata, byte[] message, int start, int length)
            throws DnsFormatException {
        int nameCount = switch (type) {
            case TYPE_NS, TYPE_CNAME, TYPE_PTR, TYPE_MX -> 1;
            case TYPE_SOA -> 2;
            default -> 0;
        };
        if (nameCount == 0) {
            return rdata;
        }
        WireReader in = new WireReader(message, start, length);
        WireWriter out = new WireWriter();
        if (type == TYPE_MX) {
            out.u16(in.u16());
        }
        for (int i = 0; i < nameCount; i++) {
            out.name(in.name(), false);
        }
        int end = start + rdata.length;
        if (in.position() > end) {
            throw new DnsFormatException("record data of type " + type + " runs past its length");
        }
        out.bytes(Arrays.copyOfRange(message, in.position(), end));
        return out.toByteArray();
    }

    /** This message on the wire, however long. */
    public byte[] encode() {
        return encode(0xffff);
    }

    /**
     * This message on the wire in at most {@code limit} bytes: records that do not fit are left out, with the
     * rest of their section and the sections after it, and TC is set (RFC 2181 §9); an OPT record is always kept.
     */
    public byte[] encode(int limit) {
        WireWriter out = new WireWriter();
        out.u16(id);
        int flagsAt = out.position();
        out.u16(flags);
        out.u16(questions.size());
        int countsAt = out.position();
        out.u16(0);
        out.u16(0);
        out.u16(0);
        for (Question question : questions) {
            out.name(question.name(), true);
            out.u16(question.type());
            out.u16(question.dnsClass());
        }
        List<ResourceRecord> opts = additionals.stream().filter(r -> r.type() == TYPE_OPT).toList();
        int reserved = opts.stream().mapToInt(r -> 11 + r.data.length).sum();
        List<List<ResourceRecord>> sections = List.of(answers, authorities,
                additionals.stream().filter(r -> r.type() != TYPE_OPT).toList());
        int[] counts = new int[3];
        boolean truncated = false;
        for (int s = 0; s < sections.size() && !truncated; s++) {
            for (ResourceRecord record : sections.get(s)) {
                int mark = out.position();
                write(out, record);
                if (out.position() + reserved > limit) {
                    out.rollback(mark);
                    truncated = true;
                    break;
                }
                counts[s]++;
            }
        }
        for (ResourceRecord opt : opts) {
            write(out, opt);
            counts[2]++;
        }
        out.u16At(countsAt, counts[0]);
        out.u16At(countsAt + 2, counts[1]);
        out.u16At(countsAt + 4, counts[2]);
        if (truncated) {
            out.u16At(flagsAt, flags | FLAG_TC);
        }
        return out.toByteArray();
    }

    private static void write(WireWriter out, ResourceRecord record) {
        out.name(record.name(), true);
        out.u16(record.type());
        out.u16(record.dnsClass());
        out.u32(record.ttl());
        out.u16(record.data.length);
        out.bytes(record.data);
    }

    /** The id of a packet at least {@link #HEADER_LENGTH} bytes long, read without parsing the rest. */
    public static int id(byte[] packet) {
        return ((packet[0] & 0xff) << 8) | (packet[1] & 0xff);
    }

    /** Sets the id of a packet in place: forwarded queries and answers keep every other byte as they are. */
    public static void setId(byte[] packet, int id) {
        packet[0] = (byte) (id >>> 8);
        packet[1] = (byte) id;
    }

    /** The flags of a packet at least {@link #HEADER_LENGTH} bytes long. */
    public static int flags(byte[] packet) {
        return ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
    }
}
