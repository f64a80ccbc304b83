package io.jcompose.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.spi.ContainerEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventLineTest {

    private static final ContainerEvent START = new ContainerEvent(Instant.parse("2024-01-01T10:00:00.123456789Z"),
            "start", "8f3a", Map.of("name", "p-web-1", "image", "busybox", "com.docker.compose.service", "web",
            "com.docker.compose.oneoff", "False", "team", "a<b"));

    @Test
    void text_asDockerComposePrintsIt_composeLabelsLeftOut() {
        assertThat(new EventLine(ZoneOffset.UTC).text(START))
                .isEqualTo("2024-01-01 10:00:00.123456 container start 8f3a (image=busybox, name=p-web-1, team=a<b)");
    }

    @Test
    void text_inTheLocalZone() {
        assertThat(new EventLine(ZoneId.of("Europe/Paris")).text(START)).startsWith("2024-01-01 11:00:00.123456 ");
    }

    @Test
    void json_keysSortedAndEscapedAsGoDoes() {
        assertThat(new EventLine(ZoneOffset.UTC).json(START)).isEqualTo("{\"action\":\"start\",\"attributes\":"
                + "{\"image\":\"busybox\",\"name\":\"p-web-1\",\"team\":\"a\\u003cb\"},\"id\":\"8f3a\","
                + "\"service\":\"web\",\"time\":\"2024-01-01T10:00:00.123456789Z\",\"type\":\"container\"}");
    }

    @Test
    void shown_notForOneOffs() {
        assertThat(EventLine.shown(START)).isTrue();
        assertThat(EventLine.shown(new ContainerEvent(Instant.EPOCH, "start", "x",
                Map.of("com.docker.compose.oneoff", "True")))).isFalse();
    }
}
