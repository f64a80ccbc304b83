package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.spi.ContainerSpec.Resources;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CgroupResourcesTest {

    private static ObjectNode of(Resources r) {
        return CgroupResources.of(r, Devices.defaultRules(), SpecBuilder.host(1024));
    }

    @Test
    void of_convertsLimits() {
        ObjectNode json = of(new Resources(Optional.of(64L << 20), Optional.of(32L << 20), Optional.of(0.5),
                Optional.of(512L), Optional.of("0-1"), Optional.of(64L), Optional.empty()));
        assertThat(json.path("memory").path("limit").asLong()).isEqualTo(67108864L);
        assertThat(json.path("memory").path("reservation").asLong()).isEqualTo(33554432L);
        assertThat(json.path("memory").has("swap")).isFalse();
        assertThat(json.path("cpu").path("quota").asLong()).isEqualTo(50000);
        assertThat(json.path("cpu").path("period").asLong()).isEqualTo(100000);
        assertThat(json.path("cpu").path("shares").asLong()).isEqualTo(512);
        assertThat(json.path("cpu").path("cpus").asText()).isEqualTo("0-1");
        assertThat(json.path("pids").path("limit").asLong()).isEqualTo(64);
        assertThat(json.path("devices").get(0).toString()).isEqualTo("{\"allow\":false,\"access\":\"rwm\"}");
        assertThat(json.path("devices").get(3).toString())
                .isEqualTo("{\"allow\":true,\"type\":\"c\",\"major\":1,\"minor\":3,\"access\":\"rwm\"}");
    }

    @Test
    void of_nothingAsked_onlyDevices() {
        assertThat(of(Resources.NONE).properties()).extracting(e -> e.getKey()).containsExactly("devices");
    }

    @Test
    void of_impossibleLimitsNameTheirKey() {
        assertThatThrownBy(() -> of(new Resources(Optional.of(1L << 20), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .hasMessageStartingWith("mem_limit: 1048576 bytes is below");
        assertThatThrownBy(() -> of(new Resources(Optional.empty(), Optional.empty(), Optional.of(3.0),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .hasMessageStartingWith("cpus: 3.0 is out of range");
        assertThatThrownBy(() -> of(new Resources(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("0,5"), Optional.empty(), Optional.empty())))
                .hasMessageStartingWith("cpuset: CPUs \"0,5\" are not available");
        assertThatThrownBy(() -> of(new Resources(Optional.of(64L << 20), Optional.of(128L << 20),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .hasMessageStartingWith("mem_reservation:");
    }
}
