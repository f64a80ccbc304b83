package io.jcompose.engine.linux.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostPortsTest {

    @Test
    void singleRangeAndAny() {
        assertThat(HostPorts.parse(Optional.of("8080"))).isEqualTo(new HostPorts(8080, 8080));
        assertThat(HostPorts.parse(Optional.of("8000-8002"))).isEqualTo(new HostPorts(8000, 8002));
        assertThat(HostPorts.parse(Optional.empty())).isEqualTo(HostPorts.ANY);
        assertThat(HostPorts.parse(Optional.of(""))).isEqualTo(HostPorts.ANY);
        assertThat(HostPorts.parse(Optional.of("0")).any()).isTrue();
        assertThat(new HostPorts(8000, 8002).contains(8001)).isTrue();
        assertThat(new HostPorts(8000, 8002).contains(8003)).isFalse();
        assertThat(new HostPorts(8000, 8002)).hasToString("8000-8002");
    }

    @Test
    void invalidOnesAreRefused() {
        for (String bad : new String[] {"8002-8000", "70000", "-1", "http", "80-", "0-5"}) {
            assertThatThrownBy(() -> HostPorts.parse(Optional.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid host port");
        }
    }
}
