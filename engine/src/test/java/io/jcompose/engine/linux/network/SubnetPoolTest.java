package io.jcompose.engine.linux.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetPoolTest {

    private final SubnetPool pool = new SubnetPool(List.of(Subnet.parse("10.210.0.0/16"),
            Subnet.parse("172.30.0.0/16")), 24);

    @Test
    void firstSubnetWhenNothingIsTaken() {
        assertThat(pool.pick(List.of())).contains(Subnet.parse("10.210.0.0/24"));
    }

    @Test
    void skipsSubnetsOverlappingRoutesOrOtherNetworks() {
        List<Subnet> routes = HostRoutes.parse("""
                default via 192.0.2.1 dev eth0
                10.210.0.0/24 dev jc-aaaa proto kernel scope link src 10.210.0.1
                10.210.1.128/25 dev tun0 scope link
                local 10.210.2.7 dev eth1 table local proto kernel scope host src 10.210.2.7
                unreachable 10.210.3.0/24
                """);
        assertThat(routes).hasSize(4);
        assertThat(pool.pick(routes)).contains(Subnet.parse("10.210.4.0/24"));
    }

    @Test
    void aWideRouteMovesToTheNextRange() {
        assertThat(pool.pick(HostRoutes.parse("10.0.0.0/8 via 192.0.2.9 dev eth0\n")))
                .contains(Subnet.parse("172.30.0.0/24"));
    }

    @Test
    void theDefaultRouteTakesNothing() {
        assertThat(HostRoutes.parse("default via 192.0.2.1 dev eth0\n0.0.0.0/0 dev wg0\n")).isEmpty();
    }

    @Test
    void exhaustedPoolsGiveNothing() {
        assertThat(pool.pick(List.of(Subnet.parse("10.0.0.0/8"), Subnet.parse("172.16.0.0/12")))).isEmpty();
    }

    @Test
    void subnetArithmetic() {
        Subnet s = Subnet.parse("192.168.5.77/24");
        assertThat(s).hasToString("192.168.5.0/24");
        assertThat(Subnet.format(s.last())).isEqualTo("192.168.5.255");
        assertThat(s.isHost(Subnet.address("192.168.5.1"))).isTrue();
        assertThat(s.isHost(Subnet.address("192.168.5.0"))).isFalse();
        assertThat(s.isHost(Subnet.address("192.168.5.255"))).isFalse();
        assertThat(s.isHost(Subnet.address("192.168.6.1"))).isFalse();
        assertThat(s.contains(Subnet.parse("192.168.5.128/25"))).isTrue();
        assertThat(s.contains(Subnet.parse("192.168.0.0/16"))).isFalse();
        assertThat(s.overlaps(Subnet.parse("192.168.0.0/16"))).isTrue();
        assertThat(s.overlaps(Subnet.parse("192.168.6.0/24"))).isFalse();
        assertThat(Subnet.parse("255.255.255.255").toString()).isEqualTo("255.255.255.255/32");
        assertThatThrownBy(() -> Subnet.parse("10.1.2/24")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Subnet.parse("10.1.2.256/24")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Subnet.parse("10.1.2.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
