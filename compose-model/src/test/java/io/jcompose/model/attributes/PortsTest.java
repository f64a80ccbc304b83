package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.PortMapping;
import io.jcompose.model.source.ComposeFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PortsTest {

    @TempDir
    Path dir;

    static Stream<Arguments> shortForms() {
        return Stream.of(
                Arguments.of("- \"80\"", "[{mode: ingress, target: 80, protocol: tcp}]"),
                Arguments.of("- 80", "[{mode: ingress, target: 80, protocol: tcp}]"),
                Arguments.of("- 8080:80", "[{mode: ingress, target: 80, published: \"8080\", protocol: tcp}]"),
                Arguments.of("- \"8080:80/udp\"",
                        "[{mode: ingress, target: 80, published: \"8080\", protocol: udp}]"),
                Arguments.of("- \"53:53/UDP\"", "[{mode: ingress, target: 53, published: \"53\", protocol: udp}]"),
                Arguments.of("- \"9:9/sctp\"", "[{mode: ingress, target: 9, published: \"9\", protocol: sctp}]"),
                Arguments.of("- 127.0.0.1:8080:80",
                        "[{mode: ingress, host_ip: 127.0.0.1, target: 80, published: \"8080\", protocol: tcp}]"),
                Arguments.of("- 127.0.0.1::80", "[{mode: ingress, host_ip: 127.0.0.1, target: 80, protocol: tcp}]"),
                Arguments.of("- \"[::1]:8080:80\"",
                        "[{mode: ingress, host_ip: \"::1\", target: 80, published: \"8080\", protocol: tcp}]"),
                Arguments.of("- \"::1:8080:80\"",
                        "[{mode: ingress, host_ip: \"::1\", target: 80, published: \"8080\", protocol: tcp}]"),
                Arguments.of("- \"[fe80::1]::80/udp\"",
                        "[{mode: ingress, host_ip: \"fe80::1\", target: 80, protocol: udp}]"),
                Arguments.of("- 3000-3002", """
                        - {mode: ingress, target: 3000, protocol: tcp}
                        - {mode: ingress, target: 3001, protocol: tcp}
                        - {mode: ingress, target: 3002, protocol: tcp}
                        """),
                Arguments.of("- 8000-8001:3000-3001", """
                        - {mode: ingress, target: 3000, published: "8000", protocol: tcp}
                        - {mode: ingress, target: 3001, published: "8001", protocol: tcp}
                        """),
                // a host range for one container port is a range to pick a free port from
                Arguments.of("- 8000-8010:80",
                        "[{mode: ingress, target: 80, published: \"8000-8010\", protocol: tcp}]"),
                // docker compose sorts the ports of one range as strings: 100 before 98
                Arguments.of("- 98-100", """
                        - {mode: ingress, target: 100, protocol: tcp}
                        - {mode: ingress, target: 98, protocol: tcp}
                        - {mode: ingress, target: 99, protocol: tcp}
                        """),
                Arguments.of("- 127.0.0.1:5000-5001:5000-5001/udp", """
                        - {mode: ingress, host_ip: 127.0.0.1, target: 5000, published: "5000", protocol: udp}
                        - {mode: ingress, host_ip: 127.0.0.1, target: 5001, published: "5001", protocol: udp}
                        """),
                Arguments.of("- \"80\"\n- 443:443", """
                        - {mode: ingress, target: 80, protocol: tcp}
                        - {mode: ingress, target: 443, published: "443", protocol: tcp}
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortForms")
    void load_shortSyntax_becomesLongForm(String ports, String expected) {
        ComposeFixture fixture = ComposeFixture.in(dir).service("ports:\n" + ComposeFixture.indent(ports, 2));

        assertThat(fixture.webAttribute("ports")).isEqualTo(yaml(expected));
    }

    static Stream<Arguments> longForms() {
        return Stream.of(
                Arguments.of("- target: 80", "[{mode: ingress, target: 80, protocol: tcp}]"),
                Arguments.of("- {target: 80, published: 8080}",
                        "[{mode: ingress, target: 80, published: \"8080\", protocol: tcp}]"),
                Arguments.of("- {target: 80, published: \"8080-8081\", protocol: udp, mode: host}",
                        "[{mode: host, target: 80, published: \"8080-8081\", protocol: udp}]"),
                Arguments.of("- {name: web, target: 80, host_ip: 10.0.0.1, published: 80, app_protocol: http}",
                        "[{name: web, mode: ingress, host_ip: 10.0.0.1, target: 80, published: \"80\","
                                + " protocol: tcp, app_protocol: http}]"),
                Arguments.of("- {target: \"${PORT}\", published: \"${PORT}\"}",
                        "[{mode: ingress, target: 8080, published: \"8080\", protocol: tcp}]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longForms")
    void load_longSyntax_getsDefaults(String ports, String expected) {
        ComposeFixture fixture = ComposeFixture.in(dir).env(java.util.Map.of("PORT", "8080"))
                .service("ports:\n" + ComposeFixture.indent(ports, 2));

        assertThat(fixture.webAttribute("ports")).isEqualTo(yaml(expected));
    }

    @Test
    void ports_typedView_readsLongForm() {
        ComposeFixture fixture = ComposeFixture.in(dir).service("ports: [\"127.0.0.1:8080:80/udp\"]");

        List<PortMapping> ports = fixture.load().services().get("web").ports();

        assertThat(ports).containsExactly(new PortMapping(Optional.empty(), "ingress", Optional.of("127.0.0.1"), 80,
                Optional.of("8080"), "udp", Optional.empty()));
    }

    @Test
    void load_samePortTwiceInOneFile_keepsOne() {
        ComposeFixture fixture = ComposeFixture.in(dir).service("ports: [\"8080:80\", \"8080:80\"]");

        assertThat(fixture.webAttribute("ports"))
                .isEqualTo(yaml("[{mode: ingress, target: 80, published: \"8080\", protocol: tcp}]"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("\"80:abc\"", "services.web.ports[0]: invalid port \"80:abc\""),
                Arguments.of("\"80/xtp\"", "services.web.ports[0]: invalid port \"80/xtp\""),
                Arguments.of("\"8000-8002:3000-3001\"", "services.web.ports[0]: invalid port \"8000-8002:3000-3001\""),
                Arguments.of("\"70000\"", "services.web.ports[0]: invalid port \"70000\""),
                Arguments.of("\"1.2.3:80:80\"", "services.web.ports[0]: invalid port \"1.2.3:80:80\""),
                Arguments.of("\"8080:\"", "services.web.ports[0]: invalid port \"8080:\""),
                Arguments.of("{published: 80}", "services.web.ports[0]: missing required key \"target\""),
                Arguments.of("{target: 80, host_ip: nowhere}", "services.web.ports[0].host_ip: invalid IP address"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void load_invalidPort_fails(String port, String message) {
        ComposeFixture fixture = ComposeFixture.in(dir).service("ports:\n  - " + port);

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessageContaining(message);
    }
}
