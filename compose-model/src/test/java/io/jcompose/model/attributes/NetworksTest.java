package io.jcompose.model.attributes;

import static io.jcompose.model.attributes.ComposeFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.Network;
import io.jcompose.model.ServiceNetwork;
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

class NetworksTest {

    @TempDir
    Path dir;

    @Test
    void load_noNetworks_joinsImplicitDefault() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                name: shop
                services:
                  web: {image: nginx}
                """);

        assertThat(fixture.webAttribute("networks")).isEqualTo(yaml("{default: null}"));
        assertThat(fixture.document().get("networks")).isEqualTo(yaml("{default: {name: shop_default}}"));
    }

    static Stream<Arguments> serviceForms() {
        return Stream.of(
                Arguments.of("networks: [front, back]", "{front: null, back: null}"),
                Arguments.of("networks: {front: , back: {aliases: [api], priority: 10}}",
                        "{front: null, back: {aliases: [api], priority: 10}}"),
                Arguments.of("networks: {front: {ipv4_address: 172.16.0.2, mac_address: \"02:42:ac:11:65:43\"}}",
                        "{front: {ipv4_address: 172.16.0.2, mac_address: \"02:42:ac:11:65:43\"}}"),
                Arguments.of("networks: {}", "{default: null}"),
                Arguments.of("networks: [default, front]", "{default: null, front: null}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serviceForms")
    void load_serviceNetworks_becomeMapping(String snippet, String expected) {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web:
                    image: nginx
                %s
                networks:
                  front: {}
                  back: {}
                """.formatted(ComposeFixture.indent(snippet, 4).stripTrailing()));

        assertThat(fixture.webAttribute("networks")).isEqualTo(yaml(expected));
    }

    @Test
    void load_networkMode_hasNoNetworks() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web: {image: nginx, network_mode: host}
                """);

        assertThat(fixture.serviceOf("web")).doesNotContainKey("networks");
        assertThat(fixture.document()).doesNotContainKey("networks");
    }

    @Test
    void load_topLevelNetworks_getNamesAndUnusedAreDropped() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                name: shop
                services:
                  web: {image: nginx, networks: [front, back, outside, legacy]}
                networks:
                  front:
                  back: {name: custom-back, driver: bridge, internal: true, driver_opts: {mtu: 1400}}
                  outside: {external: true}
                  legacy: {external: {name: old-net}}
                  unused: {}
                """);

        assertThat(fixture.document().get("networks")).isEqualTo(yaml("""
                front: {name: shop_front}
                back: {name: custom-back, driver: bridge, driver_opts: {mtu: "1400"}, internal: true}
                outside: {name: outside, external: true}
                legacy: {name: old-net, external: true}
                """));
    }

    @Test
    void load_defaultNetworkCustomised_keepsSettings() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                name: shop
                services:
                  web: {image: nginx}
                networks:
                  default: {driver: overlay, ipam: {config: [{subnet: 10.0.0.0/24}]}}
                """);

        assertThat(fixture.document().get("networks")).isEqualTo(yaml(
                "{default: {name: shop_default, driver: overlay, ipam: {config: [{subnet: 10.0.0.0/24}]}}}"));
    }

    @Test
    void networks_typedViews() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                name: shop
                services:
                  web: {image: nginx, networks: {front: {aliases: [www], ipv4_address: 10.1.0.5}}}
                networks:
                  front: {internal: true}
                """);

        var project = fixture.load();
        assertThat(project.services().get("web").networks().get("front")).isEqualTo(new ServiceNetwork(
                List.of("www"), Optional.of("10.1.0.5"), Optional.empty(), Optional.empty(), 0));
        Network front = project.networks().get("front");
        assertThat(front.name()).isEqualTo("shop_front");
        assertThat(front.internal()).isTrue();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("networks: [nope]", "services.web.networks.nope: refers to undefined network \"nope\""),
                Arguments.of("networks: [front]\n    network_mode: host",
                        "services.web.networks: cannot be used with network_mode"),
                Arguments.of("networks: [front, front]", "services.web.networks[1]: duplicate entry \"front\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void load_badServiceNetworks_fail(String snippet, String message) {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web:
                    image: nginx
                    %s
                networks:
                  front: {}
                """.formatted(snippet));

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class).hasMessageContaining(message);
    }

    @Test
    void load_externalNetworkWithOptions_fails() {
        ComposeFixture fixture = ComposeFixture.in(dir).compose("""
                services:
                  web: {image: nginx, networks: [outside]}
                networks:
                  outside: {external: true, driver: bridge}
                """);

        assertThatThrownBy(fixture::loadOnly).isInstanceOf(ComposeFileException.class)
                .hasMessage("compose.yaml:4:29: networks.outside.driver: conflicts with external: true"
                        + " (an external resource is created outside the project)");
    }
}
