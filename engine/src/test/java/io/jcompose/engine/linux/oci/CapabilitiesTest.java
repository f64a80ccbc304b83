package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    @Test
    void effective_defaultIsDockers() {
        assertThat(Capabilities.effective(List.of(), List.of(), false, 40))
                .containsExactlyElementsOf(Capabilities.DOCKER_DEFAULT).hasSize(14);
    }

    @Test
    void effective_addAndDropInAnySpelling() {
        List<String> caps = Capabilities.effective(List.of("net_admin", "CAP_SYS_PTRACE"),
                List.of("Cap_Net_Raw", "mknod"), false, 40);
        assertThat(caps).contains("CAP_NET_ADMIN", "CAP_SYS_PTRACE").doesNotContain("CAP_NET_RAW", "CAP_MKNOD")
                .hasSize(14);
    }

    @Test
    void effective_allAddWinsOverAllDrop() {
        assertThat(Capabilities.effective(List.of("ALL"), List.of("sys_admin"), false, 40))
                .hasSize(40).doesNotContain("CAP_SYS_ADMIN");
        assertThat(Capabilities.effective(List.of("chown"), List.of("all"), false, 40))
                .containsExactly("CAP_CHOWN");
    }

    @Test
    void effective_privilegedGetsWhatTheKernelHas() {
        assertThat(Capabilities.effective(List.of(), List.of("ALL"), true, 37)).hasSize(38)
                .endsWith("CAP_AUDIT_READ");
    }

    @Test
    void effective_unknownNameNamesTheKey() {
        assertThatThrownBy(() -> Capabilities.effective(List.of(), List.of("FLY"), false, 40))
                .isInstanceOf(OciConfigException.class)
                .hasMessageStartingWith("cap_drop: unknown capability \"FLY\"");
    }
}
