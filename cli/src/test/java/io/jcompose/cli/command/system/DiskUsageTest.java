package io.jcompose.cli.command.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskUsageTest {

    @Test
    void images_countSharedLayersOnce_andReclaimWhatNoUsedImageNeeds() {
        DiskUsage.Row row = DiskUsage.images(List.of(
                new DiskUsage.Image(Map.of("base", 600L, "app", 200L), true),
                new DiskUsage.Image(Map.of("base", 600L, "other", 200L), false),
                new DiskUsage.Image(Map.of("lonely", 0L), false)));
        assertThat(row.total()).isEqualTo(3);
        assertThat(row.active()).isEqualTo(1);
        assertThat(row.size()).isEqualTo(1000);
        assertThat(row.reclaimable()).isEqualTo(200);
        assertThat(row.reclaimableText()).isEqualTo("200B (20%)");
    }

    @Test
    void containers_reclaimTheWritableLayersOfStoppedOnes() {
        DiskUsage.Row row = DiskUsage.containers(List.of(new DiskUsage.Container(3000, true),
                new DiskUsage.Container(1000, false), new DiskUsage.Container(0, false)));
        assertThat(row).extracting(DiskUsage.Row::total, DiskUsage.Row::active, DiskUsage.Row::size,
                DiskUsage.Row::reclaimable).containsExactly(3, 1, 4000L, 1000L);
        assertThat(row.reclaimableText()).isEqualTo("1kB (25%)");
    }

    @Test
    void volumes_reclaimUnusedOnes_andNothingToDivideByPrintsOnlyTheSize() {
        DiskUsage.Row row = DiskUsage.volumes(List.of(new DiskUsage.Volume(0, true), new DiskUsage.Volume(0, false)));
        assertThat(row.active()).isEqualTo(1);
        assertThat(row.reclaimableText()).isEqualTo("0B");
    }

    @Test
    void report_hasDockersFourRowsInOrder_buildCacheEmpty() {
        List<DiskUsage.Row> rows = DiskUsage.report(List.of(), List.of(), List.of());
        assertThat(rows).extracting(DiskUsage.Row::type)
                .containsExactly("Images", "Containers", "Local Volumes", "Build Cache");
        assertThat(rows.getLast().reclaimableText()).isEqualTo("0B");
    }
}
