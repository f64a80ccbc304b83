package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.engine.linux.oci.OciMounts.EtcBinds;
import io.jcompose.engine.linux.oci.OciMounts.Mount;
import io.jcompose.engine.spi.ContainerSpec.MountSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciMountsTest {

    private static final EtcBinds ETC = new EtcBinds(Optional.of(Path.of("/c/hostname")),
            Optional.of(Path.of("/c/hosts")), Optional.of(Path.of("/c/resolv.conf")));

    private static OciMounts.Request request(List<ResolvedMount> mounts, Map<String, String> tmpfs,
                                             boolean readOnly, boolean privileged) {
        return new OciMounts.Request(mounts, tmpfs, ETC, readOnly, privileged, Optional.empty(), Optional.empty(),
                false, Optional.empty());
    }

    private static Mount at(List<Mount> mounts, String destination) {
        return mounts.stream().filter(m -> m.destination().equals(destination)).findFirst().orElseThrow();
    }

    @Test
    void of_systemMountsFirstThenUserMountsParentsFirst() {
        List<Mount> mounts = OciMounts.of(request(List.of(
                ResolvedMount.of(SpecBuilder.bind("/app/static/css", true), Path.of("/h/css")),
                ResolvedMount.of(SpecBuilder.bind("/app", false), Path.of("/h/app"))), Map.of(), false, false));
        assertThat(mounts).extracting(Mount::destination).containsExactly("/proc", "/dev", "/dev/pts", "/dev/shm",
                "/dev/mqueue", "/sys", "/sys/fs/cgroup", "/app", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf",
                "/app/static/css");
        assertThat(at(mounts, "/app")).isEqualTo(new Mount("/app", "bind", "/h/app", List.of("rbind", "rprivate")));
        assertThat(at(mounts, "/app/static/css").options()).containsExactly("rbind", "rprivate", "ro");
        assertThat(at(mounts, "/dev/shm").options()).contains("size=67108864");
        assertThat(at(mounts, "/sys").options()).contains("ro");
        assertThat(at(mounts, "/etc/hosts").options()).containsExactly("rbind", "rprivate");
    }

    @Test
    void of_userFileReplacesTheGeneratedOne() {
        List<Mount> mounts = OciMounts.of(request(List.of(
                ResolvedMount.of(SpecBuilder.bind("/etc/hosts", true), Path.of("/mine/hosts"))), Map.of(),
                false, false));
        assertThat(mounts).filteredOn(m -> m.destination().equals("/etc/hosts")).singleElement()
                .extracting(Mount::source).isEqualTo("/mine/hosts");
    }

    @Test
    void of_readOnlyRootMakesSystemAndEtcMountsReadOnlyButNotTmpfs() {
        List<Mount> mounts = OciMounts.of(request(List.of(), Map.of("/run", "size=64m,mode=755,exec"), true,
                false));
        assertThat(at(mounts, "/etc/resolv.conf").options()).contains("ro");
        assertThat(at(mounts, "/sys/fs/cgroup").options()).contains("ro");
        assertThat(at(mounts, "/dev/shm").options()).doesNotContain("ro");
        assertThat(at(mounts, "/proc").options()).doesNotContain("ro");
        assertThat(at(mounts, "/run")).isEqualTo(new Mount("/run", "tmpfs", "tmpfs",
                List.of("nosuid", "nodev", "rprivate", "size=64m", "mode=755", "exec")));
    }

    @Test
    void of_tmpfsMountAndPrivileged() {
        List<Mount> mounts = OciMounts.of(request(List.of(ResolvedMount.tmpfs(
                SpecBuilder.tmpfsMount("/cache", Optional.of(1L << 20)))), Map.of(), false, true));
        assertThat(at(mounts, "/cache").options()).containsExactly("noexec", "nosuid", "nodev", "rprivate",
                "size=1048576", "mode=1777");
        assertThat(at(mounts, "/sys").options()).doesNotContain("ro");
        assertThat(at(mounts, "/sys/fs/cgroup").options()).doesNotContain("ro");
    }

    @Test
    void of_userDevReplacesTheDevTree_ipcNoneHasNoShm_initIsBound() {
        OciMounts.Request r = new OciMounts.Request(List.of(ResolvedMount.of(SpecBuilder.bind("/dev", false),
                Path.of("/dev"))), Map.of(), EtcBinds.NONE, false, false, Optional.empty(), Optional.empty(), true,
                Optional.of(Path.of("/usr/bin/tini-static")));
        List<Mount> mounts = OciMounts.of(r);
        assertThat(mounts).extracting(Mount::destination).containsExactly("/proc", "/sys", "/sys/fs/cgroup",
                "/dev", "/sbin/docker-init");
        assertThat(at(mounts, "/sbin/docker-init").options()).containsExactly("bind", "ro");
    }

    @Test
    void of_volumeSubpathStaysInsideTheVolume(@TempDir Path data) throws IOException {
        Files.createDirectories(data.resolve("conf"));
        MountSpec inside = SpecBuilder.volume("v", "/etc/app", Optional.of("conf"));
        assertThat(at(OciMounts.of(request(List.of(ResolvedMount.of(inside, data)), Map.of(), false, false)),
                "/etc/app").source()).isEqualTo(data.resolve("conf").toString());
        MountSpec escape = SpecBuilder.volume("v", "/x", Optional.of("../../etc"));
        assertThatThrownBy(() -> OciMounts.of(request(List.of(ResolvedMount.of(escape, data)), Map.of(), false,
                false))).isInstanceOf(OciConfigException.class).hasMessageContaining("leaves the volume");
    }

    @Test
    void of_badRequestsNameTheirKey() {
        assertThatThrownBy(() -> OciMounts.of(request(List.of(), Map.of("/run", "size=1m,bogus"), false, false)))
                .hasMessageStartingWith("tmpfs: invalid option \"bogus\" for /run");
        assertThatThrownBy(() -> OciMounts.of(request(List.of(ResolvedMount.tmpfs(
                SpecBuilder.tmpfsMount("/run", Optional.empty()))), Map.of("/run", ""), false, false)))
                .hasMessage("tmpfs: duplicate mount point /run");
        MountSpec shared = new MountSpec("bind", Optional.of("/s"), "/s", false, Optional.of("sideways"), false,
                Optional.empty(), Optional.empty(), false, Map.of());
        assertThatThrownBy(() -> OciMounts.of(request(List.of(ResolvedMount.of(shared, Path.of("/s"))), Map.of(),
                false, false))).hasMessageStartingWith("volumes: invalid bind propagation \"sideways\"");
    }

    @Test
    void rootPropagation_sharedBindNeedsASharedRoot() {
        MountSpec shared = new MountSpec("bind", Optional.of("/s"), "/s", false, Optional.of("rshared"), false,
                Optional.empty(), Optional.empty(), false, Map.of());
        assertThat(OciMounts.rootPropagation(OciMounts.of(request(List.of(ResolvedMount.of(shared, Path.of("/s"))),
                Map.of(), false, false)))).contains("rshared");
        assertThat(OciMounts.rootPropagation(OciMounts.of(request(List.of(), Map.of(), false, false)))).isEmpty();
    }
}
