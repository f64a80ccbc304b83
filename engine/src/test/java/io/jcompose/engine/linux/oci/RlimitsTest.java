package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.engine.linux.oci.Rlimits.Rlimit;
import io.jcompose.engine.spi.ContainerSpec.Ulimit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RlimitsTest {

    @Test
    void of_defaultNofileStaysUnderTheHostsHardLimit() {
        assertThat(Rlimits.of(Map.of(), SpecBuilder.host(20000)))
                .containsExactly(new Rlimit("RLIMIT_NOFILE", 20000, 20000));
        assertThat(Rlimits.of(Map.of(), SpecBuilder.host(4_000_000)))
                .containsExactly(new Rlimit("RLIMIT_NOFILE", 1_048_576, 1_048_576));
        HostFacts unlimited = new HostFacts(Map.of(), 40, "6.1", "h", 2);
        assertThat(Rlimits.of(Map.of(), unlimited)).containsExactly(new Rlimit("RLIMIT_NOFILE", 1_048_576,
                1_048_576));
    }

    @Test
    void of_explicitLimitsReplaceTheDefault() {
        assertThat(Rlimits.of(Map.of("nofile", new Ulimit(1024, 4096), "nproc", new Ulimit(-1, -1)),
                SpecBuilder.host(20000))).containsExactlyInAnyOrder(new Rlimit("RLIMIT_NOFILE", 1024, 4096),
                new Rlimit("RLIMIT_NPROC", -1, -1));
    }

    @Test
    void of_aboveTheHostIsAnError() {
        assertThatThrownBy(() -> Rlimits.of(Map.of("nofile", new Ulimit(1024, 2_000_000)),
                SpecBuilder.host(1_048_576))).isInstanceOf(OciConfigException.class)
                .hasMessage("ulimits.nofile: hard limit 2000000 is above this host's limit 1048576");
        assertThatThrownBy(() -> Rlimits.of(Map.of("nofile", new Ulimit(-1, -1)), SpecBuilder.host(20000)))
                .hasMessage("ulimits.nofile: hard limit unlimited is above this host's limit 20000");
    }

    @Test
    void of_badLimitsAreErrors() {
        assertThatThrownBy(() -> Rlimits.of(Map.of("nofile", new Ulimit(10, 5)), SpecBuilder.host(20000)))
                .hasMessage("ulimits.nofile: soft limit 10 is above the hard limit 5");
        assertThatThrownBy(() -> Rlimits.of(Map.of("files", new Ulimit(1, 1)), SpecBuilder.host(20000)))
                .hasMessageStartingWith("ulimits.files: unknown limit \"files\"");
    }

    @Test
    void hostFacts_parseLimitsReadsTheKernelsTable() {
        String text = """
                Limit                     Soft Limit           Hard Limit           Units    \s
                Max cpu time              unlimited            unlimited            seconds  \s
                Max open files            1024                 524288               files    \s
                Max nice priority         0                    0                    \s
                """;
        assertThat(HostFacts.parseLimits(text)).containsExactlyInAnyOrderEntriesOf(Map.of("RLIMIT_NOFILE", 524288L,
                "RLIMIT_NICE", 0L));
    }
}
