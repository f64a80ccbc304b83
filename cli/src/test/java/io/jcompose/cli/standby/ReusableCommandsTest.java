package io.jcompose.cli.standby;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReusableCommandsTest {

    @Test
    void commandsThatReturnWhenDoneLeaveTheJvmForTheNext() {
        assertThat(ReusableCommands.mayReuseAfter(List.of("version"))).isTrue();
        assertThat(ReusableCommands.mayReuseAfter(List.of("-f", "a.yaml", "--verbose", "config", "--services")))
                .isTrue();
        assertThat(ReusableCommands.mayReuseAfter(List.of("--backend", "linux", "--progress", "quiet", "image",
                "build", "-t", "x", "."))).isTrue();
        assertThat(ReusableCommands.mayReuseAfter(List.of("image", "ls"))).isTrue();
        assertThat(ReusableCommands.mayReuseAfter(List.of("-p", "x", "up", "-d"))).isTrue();
        assertThat(ReusableCommands.mayReuseAfter(List.of("down", "-v"))).isTrue();
        assertThat(ReusableCommands.mayReuseAfter(List.of("run", "--rm", "app"))).isTrue();
        assertThat(ReusableCommands.mayReuseAfter(List.of("exec", "app", "true"))).isTrue();
    }

    @Test
    void commandsThatAttachOrFollowEndTheJvm() {
        assertThat(ReusableCommands.mayReuseAfter(List.of("up"))).isFalse();
        assertThat(ReusableCommands.mayReuseAfter(List.of("up", "-d", "--attach", "web"))).isFalse();
        assertThat(ReusableCommands.mayReuseAfter(List.of("logs", "-f"))).isFalse();
        assertThat(ReusableCommands.mayReuseAfter(List.of("image", "pull", "x"))).isFalse();
        assertThat(ReusableCommands.mayReuseAfter(List.of("image"))).isFalse();
    }

    @Test
    void aCommandLineThatIsNotCertainEndsTheJvm() {
        assertThat(ReusableCommands.mayReuseAfter(List.of())).isFalse();
        assertThat(ReusableCommands.mayReuseAfter(List.of("--no-such-option", "version"))).isFalse();
        assertThat(ReusableCommands.mayReuseAfter(List.of("help", "config"))).isFalse();
    }
}
