package io.jcompose.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.linux.image.StoredImage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageHistoryCommandTest {

    private static final String ID = "sha256:" + "ab".repeat(32);

    @Test
    void steps_newestFirst_sizesOnTheStepsThatMadeLayers_idOnTheTopOnly() throws Exception {
        byte[] config = """
                {"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%s","sha256:%s"]},
                 "history":[
                  {"created":"2024-01-01T00:00:00Z","created_by":"ADD rootfs.tar /"},
                  {"created":"2024-01-01T00:00:01Z","created_by":"ENV A=1","empty_layer":true},
                  {"created":"2024-01-01T00:00:02Z","created_by":"RUN make","comment":"built"},
                  {"created":"2024-01-01T00:00:03Z","created_by":"CMD [\\"sh\\"]","empty_layer":true}]}
                """.formatted("11".repeat(32), "22".repeat(32)).getBytes(StandardCharsets.UTF_8);
        StoredImage image = new StoredImage(ID, List.of(), List.of(), List.of(
                new StoredImage.Layer("sha256:" + "11".repeat(32), Optional.empty(), Optional.empty(), 1000),
                new StoredImage.Layer("sha256:" + "22".repeat(32), Optional.empty(), Optional.empty(), 50)),
                Instant.EPOCH, 1050, ImageConfig.parse(config), List.of());
        List<ImageHistoryCommand.Step> steps = ImageHistoryCommand.steps(image, config);
        assertThat(steps).extracting(ImageHistoryCommand.Step::createdBy)
                .containsExactly("CMD [\"sh\"]", "RUN make", "ENV A=1", "ADD rootfs.tar /");
        assertThat(steps).extracting(ImageHistoryCommand.Step::size).containsExactly(0L, 50L, 0L, 1000L);
        assertThat(steps).extracting(ImageHistoryCommand.Step::id)
                .containsExactly(ID, "<missing>", "<missing>", "<missing>");
        assertThat(steps.get(1).comment()).isEqualTo("built");
    }

    @Test
    void truncate_cutsAt45WithAnEllipsis() {
        String longer = "/bin/sh -c apt-get update && apt-get install -y curl";
        assertThat(ImageHistoryCommand.truncate(longer)).hasSize(45).endsWith("…")
                .startsWith("/bin/sh -c apt-get update && apt-get install");
        assertThat(ImageHistoryCommand.truncate("short")).isEqualTo("short");
    }
}
