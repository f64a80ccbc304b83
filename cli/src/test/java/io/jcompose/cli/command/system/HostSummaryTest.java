package io.jcompose.cli.command.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSummaryTest {

    @TempDir
    Path root;

    @Test
    void cgroupVersion_unifiedHybridAndV1() throws Exception {
        assertThat(HostSummary.cgroupVersion(root)).isEqualTo("1");
        Files.createDirectories(root.resolve("unified"));
        Files.writeString(root.resolve("unified/cgroup.controllers"), "");
        assertThat(HostSummary.cgroupVersion(root)).isEqualTo("1 (hybrid)");
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory");
        assertThat(HostSummary.cgroupVersion(root)).isEqualTo("2");
    }

    @Test
    void osReleaseAndMemory_areRead() throws Exception {
        Path os = root.resolve("os-release");
        Files.writeString(os, "NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
        assertThat(HostSummary.operatingSystem(os)).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        Path mem = root.resolve("meminfo");
        Files.writeString(mem, "MemTotal:        8141180 kB\nMemFree: 1 kB\n");
        assertThat(HostSummary.memory(mem)).isEqualTo(8141180L * 1024);
        assertThat(HostSummary.binarySize(8141180L * 1024)).isEqualTo("7.764GiB");
        assertThat(HostSummary.architecture("amd64")).isEqualTo("x86_64");
    }
}
