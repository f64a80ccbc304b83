package io.jcompose.cli.command.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.cli.command.objects.Filters;
import io.jcompose.engine.spi.VolumeOps.VolumeInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeLsFilterTest {

    private static final VolumeInfo DATA = new VolumeInfo("app_data", "local", "/x", Map.of("tier", "db"));

    private static boolean matches(boolean used, String... filters) {
        return VolumeLsCommand.matches(DATA, Filters.parse(List.of(filters), VolumeLsCommand.FILTER_KEYS), used);
    }

    @Test
    void dangling_meansNoContainerMountsIt() {
        assertThat(matches(false, "dangling=true")).isTrue();
        assertThat(matches(true, "dangling=true")).isFalse();
        assertThat(matches(true, "dangling=false")).isTrue();
    }

    @Test
    void nameIsAPart_labelAndDriverExact() {
        assertThat(matches(true, "name=data")).isTrue();
        assertThat(matches(true, "name=cache")).isFalse();
        assertThat(matches(true, "label=tier=db", "driver=local")).isTrue();
        assertThat(matches(true, "label=tier=web")).isFalse();
    }
}
