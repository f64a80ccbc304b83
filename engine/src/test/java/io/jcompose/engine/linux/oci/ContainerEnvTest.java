package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.linux.image.ImageConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerEnvTest {

    @Test
    void of_defaultsThenImageThenService() {
        ImageConfig image = SpecBuilder.image(List.of("LANG=C.UTF-8", "MODE=image"), Optional.empty(),
                Optional.of(List.of("sh")), "", "");
        Map<String, String> service = new LinkedHashMap<>();
        service.put("MODE", "service");
        service.put("EXTRA", "a=b");
        assertThat(ContainerEnv.of(image, service, "web", false, "/home/app")).containsExactly(
                "PATH=" + ContainerEnv.DEFAULT_PATH, "HOSTNAME=web", "LANG=C.UTF-8", "MODE=service", "EXTRA=a=b",
                "HOME=/home/app");
    }

    @Test
    void of_imagePathAndServiceHomeWin_ttyAddsTerm() {
        ImageConfig image = SpecBuilder.image(List.of("PATH=/opt/bin:/bin"), Optional.empty(),
                Optional.of(List.of("sh")), "", "");
        assertThat(ContainerEnv.of(image, Map.of("HOME", "/data", "TERM", "dumb"), "h", true, "/root"))
                .containsExactly("PATH=/opt/bin:/bin", "HOSTNAME=h", "TERM=dumb", "HOME=/data");
        assertThat(ContainerEnv.of(image, Map.of(), "h", true, "/root")).contains("TERM=xterm");
        assertThat(ContainerEnv.of(image, Map.of(), "h", false, "/root")).noneMatch(e -> e.startsWith("TERM="));
    }
}
