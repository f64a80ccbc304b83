package io.jcompose.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.spi.ContainerOps.PathStat;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerArchivesTest {

    @Test
    void parse_directoryAndLinkModesAsGoWritesThem() {
        assertThat(DockerArchives.parse(header("{\"name\":\"d\",\"size\":4096,\"mode\":2147484141,"
                + "\"mtime\":\"2026-11-28T06:16:30Z\",\"linkTarget\":\"\"}")))
                .isEqualTo(new PathStat("d", 4096, 0755, true, Optional.empty()));
        assertThat(DockerArchives.parse(header("{\"name\":\"lnk\",\"size\":8,\"mode\":134218239,"
                + "\"linkTarget\":\"/d/f.txt\"}")))
                .isEqualTo(new PathStat("lnk", 8, 0777, false, Optional.of("/d/f.txt")));
    }

    private static String header(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
