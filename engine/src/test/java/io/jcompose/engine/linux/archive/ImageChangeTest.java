package io.jcompose.engine.linux.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageChangeTest {

    private static ObjectNode apply(String... changes) {
        ObjectNode config = new ObjectMapper().createObjectNode();
        for (String change : changes) {
            ImageChange.parse(change).applyTo(config);
        }
        return config;
    }

    @Test
    void commandsInExecAndShellForm() {
        assertThat(ImageChange.parse("CMD [\"redis-server\", \"--port\", \"6380\"]"))
                .isEqualTo(new ImageChange.Cmd(List.of("redis-server", "--port", "6380")));
        assertThat(ImageChange.parse("entrypoint  nginx -g 'daemon off;'"))
                .isEqualTo(new ImageChange.Entrypoint(List.of("/bin/sh", "-c", "nginx -g 'daemon off;'")));
        // not JSON: a Dockerfile takes it as shell form
        assertThat(ImageChange.parse("CMD [oops")).isEqualTo(new ImageChange.Cmd(List.of("/bin/sh", "-c", "[oops")));
    }

    @Test
    void envInBothFormsReplacesVariablesInPlace() {
        assertThat(ImageChange.parse("ENV A=1 B=\"two words\" C=x\\ y"))
                .isEqualTo(new ImageChange.Env(Map.of("A", "1", "B", "two words", "C", "x y")));
        assertThat(ImageChange.parse("ENV GREETING hello   world"))
                .isEqualTo(new ImageChange.Env(Map.of("GREETING", "hello   world")));
        assertThat(apply("ENV A=1 B=2", "ENV A=3").path("Env").toString()).isEqualTo("[\"A=3\",\"B=2\"]");
        assertThatThrownBy(() -> ImageChange.parse("ENV A=1 B")).hasMessageContaining("\"B\" is not name=value");
        assertThatThrownBy(() -> ImageChange.parse("ENV LONELY")).hasMessageContaining("needs a value");
    }

    @Test
    void exposeVolumeWorkdirUserLabelStopSignal() {
        ObjectNode config = apply("EXPOSE 80 53/udp 8000-8002", "VOLUME [\"/data\"]", "VOLUME /a /b",
                "WORKDIR /srv", "WORKDIR app", "USER 1000:1000", "LABEL a=b \"c d\"=e", "STOPSIGNAL SIGQUIT");
        assertThat(config.path("ExposedPorts").properties()).extracting(Map.Entry::getKey)
                .containsExactly("80/tcp", "53/udp", "8000/tcp", "8001/tcp", "8002/tcp");
        assertThat(config.path("Volumes").properties()).extracting(Map.Entry::getKey)
                .containsExactly("/data", "/a", "/b");
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/srv/app");
        assertThat(config.path("User").asText()).isEqualTo("1000:1000");
        assertThat(config.path("Labels").toString()).isEqualTo("{\"a\":\"b\",\"c d\":\"e\"}");
        assertThat(config.path("StopSignal").asText()).isEqualTo("SIGQUIT");
    }

    @Test
    void malformedAndUnsupportedChangesSayWhy() {
        assertThatThrownBy(() -> ImageChange.parse("RUN apt-get update"))
                .hasMessageContaining("RUN is not an instruction")
                .hasMessageContaining("CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR");
        assertThatThrownBy(() -> ImageChange.parse("EXPOSE 80/icmp")).hasMessageContaining("tcp, udp or sctp");
        assertThatThrownBy(() -> ImageChange.parse("EXPOSE 70000")).hasMessageContaining("not a port number");
        assertThatThrownBy(() -> ImageChange.parse("EXPOSE 90-80")).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> ImageChange.parse("WORKDIR")).hasMessageContaining("WORKDIR needs an argument");
        assertThatThrownBy(() -> ImageChange.parse("LABEL a=\"b")).hasMessageContaining("unterminated quote");
    }
}
