package io.jcompose.engine.linux.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformTest {

    @Test
    void parsesOsArchAndVariant() {
        assertThat(Platform.parse("linux/arm64/v8")).isEqualTo(new Platform("linux", "arm64", Optional.of("v8")));
        assertThat(Platform.parse("Linux/AMD64")).hasToString("linux/amd64");
        assertThatThrownBy(() -> Platform.parse("amd64")).hasMessageContaining("expected os/arch[/variant]");
        assertThatThrownBy(() -> Platform.parse("linux/arm/v7/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void variants_matchWhenAskedFor_andArm64DefaultsToV8() {
        Platform armV7 = Platform.parse("linux/arm/v7");
        assertThat(Platform.parse("linux/arm").accepts(armV7)).isTrue();
        assertThat(Platform.parse("linux/arm/v6").accepts(armV7)).isFalse();
        assertThat(Platform.parse("linux/arm64/v8").accepts(Platform.parse("linux/arm64"))).isTrue();
        assertThat(Platform.parse("linux/amd64").accepts(Platform.parse("windows/amd64"))).isFalse();
    }

    @Test
    void current_usesOciArchitectureNames() {
        assertThat(Platform.current().os()).isEqualTo("linux");
        assertThat(Platform.current().architecture()).isNotIn("x86_64", "aarch64");
    }
}
