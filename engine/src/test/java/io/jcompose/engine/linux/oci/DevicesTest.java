package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.engine.linux.oci.Devices.Mapping;
import io.jcompose.engine.linux.oci.Devices.Node;
import io.jcompose.engine.linux.oci.Devices.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevicesTest {

    @Test
    void parse_dockersForms() {
        assertThat(Devices.parse("/dev/fuse")).isEqualTo(new Mapping(Path.of("/dev/fuse"), "/dev/fuse", "rwm"));
        assertThat(Devices.parse("/dev/sda:/dev/xvda")).isEqualTo(new Mapping(Path.of("/dev/sda"), "/dev/xvda",
                "rwm"));
        assertThat(Devices.parse("/dev/sda:r")).isEqualTo(new Mapping(Path.of("/dev/sda"), "/dev/sda", "r"));
        assertThat(Devices.parse("/dev/sda:/dev/xvda:rw")).isEqualTo(new Mapping(Path.of("/dev/sda"),
                "/dev/xvda", "rw"));
    }

    @Test
    void parse_badEntriesNameTheKey() {
        assertThatThrownBy(() -> Devices.parse("/dev/a:/dev/b:rwx")).isInstanceOf(OciConfigException.class)
                .hasMessageStartingWith("devices: invalid device \"/dev/a:/dev/b:rwx\"");
        assertThatThrownBy(() -> Devices.parse("/dev/a:/dev/b:r:w")).hasMessageContaining("too many parts");
        assertThatThrownBy(() -> Devices.parse("fuse")).hasMessageContaining("absolute");
    }

    @Test
    void majorMinor_decodeGlibcsLayout() {
        assertThat(Devices.major(0x0103)).isEqualTo(1);
        assertThat(Devices.minor(0x0103)).isEqualTo(3);
        // major 259 and minor 65536 need the high bits of each
        long dev = ((259L & 0xfff) << 8) | ((259L & ~0xfffL) << 32) | (65536L & 0xff) | ((65536L & ~0xffL) << 12);
        assertThat(Devices.major(dev)).isEqualTo(259);
        assertThat(Devices.minor(dev)).isEqualTo(65536);
    }

    @Test
    void of_readsTheHostNodeAndAllowsIt() {
        Devices.Setup setup = Devices.of(List.of("/dev/null:/dev/mynull:rw"), false, Path.of("/dev"));
        assertThat(setup.nodes()).singleElement().satisfies(n -> {
            assertThat(n.path()).isEqualTo("/dev/mynull");
            assertThat(n.type()).isEqualTo("c");
            assertThat(n.major()).isEqualTo(1);
            assertThat(n.minor()).isEqualTo(3);
            assertThat(n.fileMode()).isEqualTo(0666);
        });
        assertThat(setup.rules()).first().isEqualTo(new Rule(false, "a", -1, -1, "rwm"));
        assertThat(setup.rules()).contains(new Rule(true, "c", 136, -1, "rwm")).last()
                .isEqualTo(new Rule(true, "c", 1, 3, "rw"));
    }

    @Test
    void of_notADevice_isAnError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThatThrownBy(() -> Devices.of(List.of(file.toString()), false, Path.of("/dev")))
                .hasMessage("devices: " + file + " is not a character or block device");
        assertThatThrownBy(() -> Devices.of(List.of(dir.resolve("none").toString()), false, Path.of("/dev")))
                .hasMessage("devices: " + dir.resolve("none") + " does not exist on this host");
    }

    @Test
    void of_privilegedGetsEveryHostDeviceAndAllRules() {
        Devices.Setup setup = Devices.of(List.of(), true, Path.of("/dev"));
        assertThat(setup.rules()).containsExactly(new Rule(true, "a", -1, -1, "rwm"));
        assertThat(setup.nodes()).extracting(Node::path).contains("/dev/null", "/dev/zero")
                .noneMatch(p -> p.startsWith("/dev/pts/") || p.equals("/dev/console"));
    }
}
