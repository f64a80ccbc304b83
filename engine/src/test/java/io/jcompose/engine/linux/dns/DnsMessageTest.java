package io.jcompose.engine.linux.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.engine.linux.dns.DnsMessage.Question;
import io.jcompose.engine.linux.dns.DnsMessage.ResourceRecord;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DnsMessageTest {

    private static final DnsName WEB = DnsName.of("web.proj.example");

    private static DnsMessage answerWith(int records, boolean edns) {
        List<ResourceRecord> answers = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            answers.add(ResourceRecord.a(WEB, DnsServerTest.ip("10.0." + (i / 250) + "." + (i % 250 + 1)), 0));
        }
        return new DnsMessage(0x4242, DnsMessage.FLAG_QR | DnsMessage.FLAG_AA,
                List.of(new Question(WEB, DnsMessage.TYPE_A, DnsMessage.CLASS_IN)), answers, List.of(),
                edns ? List.of(ResourceRecord.opt(1232)) : List.of());
    }

    @Test
    void aMessageReadsBackAsItWasWrittenWithNamesCompressed() throws Exception {
        DnsMessage message = new DnsMessage(7, DnsMessage.FLAG_QR | DnsMessage.FLAG_RD,
                List.of(new Question(WEB, DnsMessage.TYPE_PTR, DnsMessage.CLASS_IN)),
                List.of(ResourceRecord.a(WEB, DnsServerTest.ip("10.0.0.1"), 0),
                        ResourceRecord.ptr(DnsName.of("3.0.0.10.in-addr.arpa"), DnsName.of("proj-web-1"), 0)),
                List.of(), List.of(ResourceRecord.opt(4096)));

        byte[] wire = message.encode();

        assertThat(DnsMessage.parse(wire)).isEqualTo(message);
        // the answer's owner name is a two-byte pointer to the question's
        int uncompressed = 12 + (WEB.wireLength() + 4) + (WEB.wireLength() + 14)
                + (DnsName.of("3.0.0.10.in-addr.arpa").wireLength() + 10 + DnsName.of("proj-web-1").wireLength()) + 11;
        assertThat(wire.length).isEqualTo(uncompressed - (WEB.wireLength() - 2));
    }

    @Test
    void compressedNamesInsideRecordDataAreWrittenOutInFull() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(new byte[] {0, 1, (byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0});
        wire.writeBytes(new byte[] {3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 5,
                0, 1});
        // www.example.com CNAME cdn.(pointer to example.com at 16)
        wire.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 6, 3, 'c', 'd', 'n', (byte) 0xc0,
                16});

        DnsMessage message = DnsMessage.parse(wire.toByteArray());

        ResourceRecord cname = message.answers().getFirst();
        assertThat(cname.name()).isEqualTo(DnsName.of("www.example.com"));
        assertThat(cname.targetName()).isEqualTo(DnsName.of("cdn.example.com"));
        assertThat(DnsMessage.parse(message.encode())).isEqualTo(message);
    }

    @Test
    void pointerLoopsAndForwardPointersAreRefused() {
        byte[] header = {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0};
        byte[] selfLoop = concat(header, new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1});
        byte[] forward = concat(header, new byte[] {(byte) 0xc0, 14, 1, 'a', 0, 0, 1, 0, 1});
        byte[] twoStepLoop = concat(header, new byte[] {1, 'a', (byte) 0xc0, 12, 0, 1, 0, 1});
        for (byte[] packet : List.of(selfLoop, forward, twoStepLoop)) {
            assertThatThrownBy(() -> DnsMessage.parse(packet)).isInstanceOf(DnsFormatException.class)
                    .hasMessageContaining("pointer");
        }
    }

    @Test
    void namesLongerThan255BytesAndCutMessagesAreRefused() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(new byte[] {0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        for (int i = 0; i < 5; i++) {
            wire.write(60);
            wire.writeBytes(new byte[60]);
        }
        wire.writeBytes(new byte[] {0, 0, 1, 0, 1});
        assertThatThrownBy(() -> DnsMessage.parse(wire.toByteArray())).hasMessageContaining("longer than 255");

        byte[] whole = answerWith(2, false).encode();
        for (int cut = 0; cut < whole.length; cut++) {
            int length = cut;
            assertThatThrownBy(() -> DnsMessage.parse(whole, length)).isInstanceOf(DnsFormatException.class);
        }
    }

    @Test
    void encodingWithinALimitDropsWholeRecordsSetsTcAndKeepsTheOpt() throws Exception {
        DnsMessage big = answerWith(100, true);

        byte[] wire = big.encode(512);

        assertThat(wire.length).isLessThanOrEqualTo(512);
        DnsMessage read = DnsMessage.parse(wire);
        assertThat(read.isTruncated()).isTrue();
        // 12 header + 22 question + 11 OPT leave 467 bytes: 29 records of 16 bytes
        assertThat(read.answers()).hasSize(29).containsExactlyElementsOf(big.answers().subList(0, 29));
        assertThat(read.opt()).isPresent();

        DnsMessage small = answerWith(3, false);
        assertThat(DnsMessage.parse(small.encode(512)).isTruncated()).isFalse();
    }

    @Test
    void randomPacketsNeverGetMoreThanAFormatError() {
        Random random = new Random(20250101);
        NameTable empty = new NameTable() {
            @Override
            public List<java.net.Inet4Address> lookup(String name) {
                return List.of(DnsServerTest.ip("10.0.0.1"));
            }

            @Override
            public java.util.Optional<String> reverse(java.net.Inet4Address address) {
                return java.util.Optional.of("x");
            }
        };
        Responder responder = new Responder(empty, new Forwarder(List.of(), java.time.Duration.ofMillis(1)));
        byte[] valid = answerWith(3, true).encode();
        for (int i = 0; i < 20_000; i++) {
            byte[] packet;
            if (i % 2 == 0) {
                packet = new byte[random.nextInt(64)];
                random.nextBytes(packet);
            } else {
                // a real message with a few bytes flipped reaches deeper into the parser
                packet = valid.clone();
                for (int flips = 0; flips < 3; flips++) {
                    packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
                }
                packet[2] &= 0x7f;
            }
            byte[] input = packet;
            responder.respond(input, Transport.UDP).ifPresent(answer -> {
                assertThat(answer.length).isLessThanOrEqualTo(Responder.EDNS_PAYLOAD);
                assertThat(DnsMessage.id(answer)).isEqualTo(DnsMessage.id(input));
            });
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
