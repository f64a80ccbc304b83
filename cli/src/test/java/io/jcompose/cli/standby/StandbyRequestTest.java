package io.jcompose.cli.standby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandbyRequestTest {

    private final StandbyRequest request = new StandbyRequest(Path.of("/work/app"),
            List.of("up", "-d", "", "a b", "é"), Map.of("PATH", "/usr/bin", "EMPTY", "", "EQ", "a=b", "_", "/x"));

    @Test
    void decodesWhatTheClientEncodes() {
        assertThat(StandbyRequest.decode(request.encode())).isEqualTo(request);
    }

    @Test
    void aRequestWithoutArgumentsOrEnvironmentIsFine() {
        StandbyRequest bare = new StandbyRequest(Path.of("/"), List.of(), Map.of());
        assertThat(StandbyRequest.decode(bare.encode())).isEqualTo(bare);
    }

    @Test
    void malformedBodiesAreRejected() {
        assertThatThrownBy(() -> StandbyRequest.decode(bytes("/\0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StandbyRequest.decode(bytes("/\0x\0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StandbyRequest.decode(bytes("/\0" + "3\0a\0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StandbyRequest.decode(bytes("/\0" + "0\0A=1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entriesWithoutAnEqualsSignAreNotVariables() {
        assertThat(StandbyRequest.decode(bytes("/\0" + "0\0NOVALUE\0A=1\0")).env()).isEqualTo(Map.of("A", "1"));
    }

    @Test
    void servesOnlyTheDirectoryAndEnvironmentItWasStartedWith() {
        Map<String, String> own = Map.of("PATH", "/usr/bin", "EMPTY", "", "EQ", "a=b", "SHLVL", "2", "_", "/y");
        assertThat(request.mismatch(Path.of("/work/app"), own)).isEmpty();
        assertThat(request.mismatch(Path.of("/work/other"), own)).get().asString().contains("/work/other");
        assertThat(request.mismatch(Path.of("/work/app"), Map.of("PATH", "/usr/bin", "EMPTY", "", "EQ", "a=c")))
                .get().asString().contains("EQ");
        assertThat(request.mismatch(Path.of("/work/app"),
                Map.of("PATH", "/usr/bin", "EMPTY", "", "EQ", "a=b", "JCOMPOSE_ROOT", "/r")))
                .get().asString().contains("JCOMPOSE_ROOT");
        assertThat(request.mismatch(Path.of("/work/app"), Map.of("PATH", "/usr/bin", "EQ", "a=b")))
                .get().asString().contains("EMPTY");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
