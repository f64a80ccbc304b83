package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtcFilesTest {

    private static final String HOST_RESOLV = """
            # generated
            search corp.example
            nameserver 127.0.0.53
            nameserver 10.0.0.2
            options edns0
            """;

    @Test
    void hostname_serviceThenHostNetworkThenShortId() {
        SpecBuilder s = new SpecBuilder();
        assertThat(EtcFiles.hostname(s.build(), "0123456789abcdef", false, SpecBuilder.host(1))).isEqualTo(
                "0123456789ab");
        assertThat(EtcFiles.hostname(s.build(), "0123456789abcdef", true, SpecBuilder.host(1))).isEqualTo(
                "the-host");
        s.hostname = Optional.of("web");
        assertThat(EtcFiles.hostname(s.build(), "0123456789abcdef", true, SpecBuilder.host(1))).isEqualTo("web");
        assertThat(EtcFiles.hostnameFile("web")).isEqualTo("web\n");
    }

    @Test
    void hosts_defaultsExtraHostsThenOwnAddress() {
        assertThat(EtcFiles.hosts(List.of("db:10.1.2.3", "gw=host-gateway", "v6:::1", "b6=[fe80::1]"),
                Optional.of("172.17.0.1"), Optional.of("10.89.0.5"), "web", Optional.of("example.org")))
                .isEqualTo("""
                        127.0.0.1\tlocalhost
                        ::1\tlocalhost ip6-localhost ip6-loopback
                        fe00::0\tip6-localnet
                        ff00::0\tip6-mcastprefix
                        ff02::1\tip6-allnodes
                        ff02::2\tip6-allrouters
                        10.1.2.3\tdb
                        172.17.0.1\tgw
                        ::1\tv6
                        fe80::1\tb6
                        10.89.0.5\tweb.example.org web
                        """);
        assertThat(EtcFiles.hosts(List.of(), Optional.empty(), Optional.empty(), "web", Optional.empty()))
                .doesNotContain("web");
    }

    @Test
    void hosts_badEntries() {
        assertThatThrownBy(() -> EtcFiles.hosts(List.of("gw:host-gateway"), Optional.empty(), Optional.empty(),
                "w", Optional.empty())).isInstanceOf(OciConfigException.class)
                .hasMessageStartingWith("extra_hosts: \"gw:host-gateway\" uses host-gateway");
        assertThatThrownBy(() -> EtcFiles.hosts(List.of("nohost"), Optional.empty(), Optional.empty(), "w",
                Optional.empty())).hasMessageStartingWith("extra_hosts: invalid entry \"nohost\"");
    }

    @Test
    void hostsForHostNetwork_isTheHostsFilePlusExtras() {
        assertThat(EtcFiles.hostsForHostNetwork("127.0.0.1 localhost", List.of("db:10.0.0.9"), Optional.empty()))
                .isEqualTo("127.0.0.1 localhost\n10.0.0.9\tdb\n");
    }

    @Test
    void resolvConf_hostNetworkKeepsTheHostsFile() {
        assertThat(EtcFiles.resolvConf(HOST_RESOLV, List.of(), List.of(), List.of(), true)).isEqualTo(HOST_RESOLV);
    }

    @Test
    void resolvConf_privateNetworkDropsLoopbackServers() {
        assertThat(EtcFiles.resolvConf(HOST_RESOLV, List.of(), List.of(), List.of(), false)).isEqualTo("""
                # generated
                search corp.example
                nameserver 10.0.0.2
                options edns0
                """);
        assertThat(EtcFiles.resolvConf("nameserver 127.0.0.53\nnameserver ::1\n", List.of(), List.of(), List.of(),
                false)).isEqualTo("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
    }

    @Test
    void resolvConf_settingsOverrideTheirPart() {
        assertThat(EtcFiles.resolvConf(HOST_RESOLV, List.of("1.1.1.1"), List.of(), List.of(), false))
                .isEqualTo("search corp.example\nnameserver 1.1.1.1\noptions edns0\n");
        assertThat(EtcFiles.resolvConf(HOST_RESOLV, List.of(), List.of("."), List.of("ndots:2", "timeout:1"),
                false)).isEqualTo("nameserver 10.0.0.2\noptions ndots:2 timeout:1\n");
        assertThat(EtcFiles.resolvConf("nameserver 127.0.0.1\n", List.of(), List.of("a.example"), List.of(), false))
                .isEqualTo("search a.example\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n");
    }
}
