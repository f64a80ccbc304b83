package io.jcompose.engine.linux.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A resolver we did not write agrees with the server: busybox's nslookup, when the host has it. */
class BusyboxNslookupTest {

    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private static final NameTable TABLE = new NameTable() {
        @Override
        public List<Inet4Address> lookup(String name) {
            return name.equals("web")
                    ? List.of(DnsServerTest.ip("172.18.0.3"), DnsServerTest.ip("172.18.0.4"))
                    : List.of();
        }

        @Override
        public Optional<String> reverse(Inet4Address address) {
            return address.equals(DnsServerTest.ip("172.18.0.3")) ? Optional.of("proj-web-1") : Optional.empty();
        }
    };

    @Test
    void busyboxNslookupGetsTheReplicasAndTheReverseName() throws Exception {
        assumeTrue(Files.isExecutable(BUSYBOX), "no busybox on this host");
        try (DnsServer server = DnsServer.start(InetAddress.getLoopbackAddress(), 0, TABLE, List.of())) {
            String at = "127.0.0.1:" + server.address().getPort();

            String forward = nslookup("web", at);
            assertThat(forward).contains("172.18.0.3", "172.18.0.4");

            String reverse = nslookup("172.18.0.3", at);
            assertThat(reverse).contains("proj-web-1");
        }
    }

    private static String nslookup(String name, String server) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(BUSYBOX.toString(), "nslookup", "-timeout=2", name, server)
                .redirectErrorStream(true)
                .start();
        assumeTrue(process.waitFor(4, TimeUnit.SECONDS), "busybox nslookup did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(!output.contains("applet not found"), "this busybox has no nslookup");
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
