package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.engine.linux.image.ImageConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerCommandTest {

    private static final ImageConfig IMAGE = SpecBuilder.image(List.of(), Optional.of(List.of("/entry.sh")),
            Optional.of(List.of("serve", "--port", "80")), "", "");

    @Test
    void args_imageEntrypointThenCmd() {
        assertThat(ContainerCommand.args(new SpecBuilder().build(), IMAGE))
                .containsExactly("/entry.sh", "serve", "--port", "80");
    }

    @Test
    void args_commandReplacesCmdOnly() {
        SpecBuilder s = new SpecBuilder();
        s.command = Optional.of(List.of("migrate"));
        assertThat(ContainerCommand.args(s.build(), IMAGE)).containsExactly("/entry.sh", "migrate");
    }

    @Test
    void args_entrypointDropsTheImagesCmd() {
        SpecBuilder s = new SpecBuilder();
        s.entrypoint = Optional.of(List.of("sh", "-c"));
        assertThat(ContainerCommand.args(s.build(), IMAGE)).containsExactly("sh", "-c");
        s.command = Optional.of(List.of("echo hi"));
        assertThat(ContainerCommand.args(s.build(), IMAGE)).containsExactly("sh", "-c", "echo hi");
    }

    @Test
    void args_emptyEntrypointClearsTheImagesButKeepsItsCmd() {
        SpecBuilder s = new SpecBuilder();
        s.entrypoint = Optional.of(List.of());
        assertThat(ContainerCommand.args(s.build(), IMAGE)).containsExactly("serve", "--port", "80");
    }

    @Test
    void args_nothingToRun_isAnError() {
        ImageConfig bare = SpecBuilder.image(List.of(), Optional.empty(), Optional.empty(), "", "");
        assertThatThrownBy(() -> ContainerCommand.args(new SpecBuilder().build(), bare))
                .isInstanceOf(OciConfigException.class).hasMessageStartingWith("command: no command specified");
        SpecBuilder s = new SpecBuilder();
        s.entrypoint = Optional.of(List.of("/bin/app"));
        assertThat(ContainerCommand.args(s.build(), bare)).containsExactly("/bin/app");
    }
}
