package io.jcompose.cli.command.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.cli.command.objects.Filters;
import io.jcompose.engine.spi.NetworkOps.NetworkInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkLsFilterTest {

    private static boolean matches(NetworkInfo n, String... filters) {
        return NetworkLsCommand.matches(n, Filters.parse(List.of(filters), NetworkLsCommand.FILTER_KEYS));
    }

    @Test
    void typeTellsTheDefaultBridgeFromUserNetworks_danglingMeansNoContainers() {
        NetworkInfo bridge = new NetworkInfo("abcdef0123456789", "bridge", "bridge", Map.of(), List.of("c1"));
        NetworkInfo mine = new NetworkInfo("0123456789abcdef", "mine", "bridge", Map.of("k", "v"), List.of());
        assertThat(matches(bridge, "type=builtin")).isTrue();
        assertThat(matches(mine, "type=builtin")).isFalse();
        assertThat(matches(mine, "type=custom", "dangling=true", "label=k")).isTrue();
        assertThat(matches(bridge, "dangling=true")).isFalse();
        assertThat(matches(mine, "id=0123")).isTrue();
        assertThat(matches(mine, "id=abcd")).isFalse();
    }
}
