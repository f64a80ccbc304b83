package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.ExecSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciConfigBuilderTest {

    private static final ImageConfig IMAGE = SpecBuilder.image(List.of("LANG=C.UTF-8"), Optional.empty(),
            Optional.of(List.of("sh")), "/srv", "app");

    @TempDir
    Path rootfs;

    @BeforeEach
    void writeUsers() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\napp:x:1000:\n");
    }

    private OciContainerInput input(ContainerSpec spec, Namespace network, Optional<Path> init) {
        return new OciContainerInput(spec, IMAGE, "0123456789abcdef0123", rootfs, List.of(),
                new OciMounts.EtcBinds(Optional.of(Path.of("/b/hostname")), Optional.of(Path.of("/b/hosts")),
                        Optional.of(Path.of("/b/resolv.conf"))), network, Namespace.PRIVATE, Namespace.PRIVATE,
                Optional.empty(), "/jcompose/p/0123", init, SpecBuilder.host(20000));
    }

    private ObjectNode build(SpecBuilder s) {
        return new OciConfigBuilder().build(input(s.build(), Namespace.PRIVATE, Optional.empty()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        return out;
    }

    @Test
    void build_aPlainContainer() {
        ObjectNode c = build(new SpecBuilder());
        assertThat(c.path("ociVersion").asText()).isEqualTo("1.0.2");
        JsonNode p = c.path("process");
        assertThat(texts(p.path("args"))).containsExactly("sh");
        assertThat(p.path("cwd").asText()).isEqualTo("/srv");
        assertThat(p.path("terminal").asBoolean()).isFalse();
        assertThat(p.path("user").toString()).isEqualTo("{\"uid\":1000,\"gid\":1000}");
        assertThat(texts(p.path("env"))).containsExactly("PATH=" + ContainerEnv.DEFAULT_PATH,
                "HOSTNAME=0123456789ab", "LANG=C.UTF-8", "HOME=/home/app");
        assertThat(texts(p.path("capabilities").path("bounding"))).hasSize(14);
        assertThat(p.path("rlimits").toString()).isEqualTo("[{\"type\":\"RLIMIT_NOFILE\",\"hard\":20000,"
                + "\"soft\":20000}]");
        assertThat(p.path("noNewPrivileges").asBoolean()).isFalse();
        assertThat(c.path("root").toString()).isEqualTo("{\"path\":\"" + rootfs + "\",\"readonly\":false}");
        assertThat(c.path("hostname").asText()).isEqualTo("0123456789ab");
        assertThat(c.has("domainname")).isFalse();
        JsonNode linux = c.path("linux");
        assertThat(texts(linux.path("namespaces"))).containsExactly("{\"type\":\"pid\"}", "{\"type\":\"network\"}",
                "{\"type\":\"ipc\"}", "{\"type\":\"uts\"}", "{\"type\":\"mount\"}");
        assertThat(texts(linux.path("maskedPaths"))).contains("/proc/kcore", "/sys/firmware");
        assertThat(texts(linux.path("readonlyPaths"))).contains("/proc/sys");
        assertThat(linux.path("cgroupsPath").asText()).isEqualTo("/jcompose/p/0123");
        assertThat(linux.path("seccomp").path("defaultAction").asText()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(linux.has("sysctl")).isFalse();
        assertThat(texts(c.path("mounts")).stream().filter(m -> m.contains("/b/hosts"))).hasSize(1);
    }

    @Test
    void build_namespacesFollowTheDecisions() {
        ContainerSpec spec = new SpecBuilder().build();
        ObjectNode host = new OciConfigBuilder().build(input(spec, Namespace.HOST, Optional.empty()));
        assertThat(texts(host.path("linux").path("namespaces"))).noneMatch(n -> n.contains("network"));
        assertThat(host.path("hostname").asText()).isEqualTo("the-host");
        ObjectNode joined = new OciConfigBuilder().build(input(spec, new Namespace.Join(Path.of("/run/netns/x")),
                Optional.empty()));
        assertThat(texts(joined.path("linux").path("namespaces")))
                .contains("{\"type\":\"network\",\"path\":\"/run/netns/x\"}");
    }

    @Test
    void build_securityAndSpecSettings() {
        SpecBuilder s = new SpecBuilder();
        s.user = Optional.of("0");
        s.tty = true;
        s.readOnly = true;
        s.domainname = Optional.of("example.org");
        s.workingDir = Optional.of("/work");
        s.securityOpt.addAll(List.of("no-new-privileges:true", "seccomp=unconfined"));
        s.sysctls.put("net.core.somaxconn", "1024");
        ObjectNode c = build(s);
        assertThat(c.path("process").path("noNewPrivileges").asBoolean()).isTrue();
        assertThat(c.path("process").path("terminal").asBoolean()).isTrue();
        assertThat(texts(c.path("process").path("env"))).contains("TERM=xterm", "HOME=/root");
        assertThat(c.path("process").path("cwd").asText()).isEqualTo("/work");
        assertThat(c.path("root").path("readonly").asBoolean()).isTrue();
        assertThat(c.path("domainname").asText()).isEqualTo("example.org");
        assertThat(c.path("linux").has("seccomp")).isFalse();
        assertThat(c.path("linux").path("sysctl").toString()).isEqualTo("{\"net.core.somaxconn\":\"1024\"}");
    }

    @Test
    void build_privilegedHasEverythingAndNoFilters() {
        SpecBuilder s = new SpecBuilder();
        s.privileged = true;
        ObjectNode c = new OciConfigBuilder(Path.of("/dev")).build(input(s.build(), Namespace.PRIVATE,
                Optional.empty()));
        assertThat(texts(c.path("process").path("capabilities").path("effective"))).hasSize(41);
        assertThat(c.path("linux").has("maskedPaths")).isFalse();
        assertThat(c.path("linux").has("readonlyPaths")).isFalse();
        assertThat(c.path("linux").has("seccomp")).isFalse();
        assertThat(texts(c.path("linux").path("resources").path("devices")))
                .containsExactly("{\"allow\":true,\"access\":\"rwm\"}");
    }

    @Test
    void build_initWrapsTheCommandOrSaysWhatToInstall() {
        SpecBuilder s = new SpecBuilder();
        s.init = true;
        ObjectNode c = new OciConfigBuilder().build(input(s.build(), Namespace.PRIVATE,
                Optional.of(Path.of("/usr/bin/tini-static"))));
        assertThat(texts(c.path("process").path("args"))).containsExactly("/sbin/docker-init", "--", "sh");
        assertThat(texts(c.path("mounts"))).anyMatch(m -> m.contains("\"source\":\"/usr/bin/tini-static\""));
        assertThatThrownBy(() -> build(s)).isInstanceOf(OciConfigException.class)
                .hasMessageContaining("apt-get install tini");
        assertThatThrownBy(() -> InitBinary.locate(rootfs.resolve("no-tini")))
                .hasMessageContaining("apt-get install tini");
    }

    @Test
    void build_hostSysctlsAndBadWorkingDirAreRefused() {
        SpecBuilder s = new SpecBuilder();
        s.sysctls.put("kernel.hostname", "x");
        assertThatThrownBy(() -> build(s)).hasMessageStartingWith("sysctls: kernel.hostname is not namespaced");
        SpecBuilder net = new SpecBuilder();
        net.sysctls.put("net.ipv4.ip_forward", "1");
        assertThatThrownBy(() -> new OciConfigBuilder().build(input(net.build(), Namespace.HOST, Optional.empty())))
                .hasMessage("sysctls: net.ipv4.ip_forward cannot be set with network_mode: host");
        SpecBuilder wd = new SpecBuilder();
        wd.workingDir = Optional.of("app");
        assertThatThrownBy(() -> build(wd)).hasMessage("working_dir: \"app\" is not an absolute path");
    }

    @Test
    void execProcess_inheritsTheContainerAndAddsItsOwn() {
        SpecBuilder s = new SpecBuilder();
        s.environment.put("A", "container");
        s.capDrop.add("ALL");
        s.securityOpt.add("no-new-privileges");
        ExecSpec exec = new ExecSpec(List.of("env"), Map.of("B", "exec"), Optional.empty(), Optional.of("root"),
                true, false, false);
        ObjectNode p = ExecProcessBuilder.build(exec, s.build(), IMAGE, rootfs, "web", SpecBuilder.host(20000));
        assertThat(texts(p.path("args"))).containsExactly("env");
        assertThat(texts(p.path("env"))).containsExactly("PATH=" + ContainerEnv.DEFAULT_PATH, "HOSTNAME=web",
                "TERM=xterm", "LANG=C.UTF-8", "A=container", "B=exec", "HOME=/root");
        assertThat(p.path("user").toString()).isEqualTo("{\"uid\":0,\"gid\":0}");
        assertThat(p.path("cwd").asText()).isEqualTo("/srv");
        assertThat(p.path("terminal").asBoolean()).isTrue();
        assertThat(p.path("capabilities").path("bounding").isEmpty()).isTrue();
        assertThat(p.path("noNewPrivileges").asBoolean()).isTrue();
        assertThat(p.path("rlimits").size()).isEqualTo(1);

        ExecSpec privileged = new ExecSpec(List.of("id"), Map.of(), Optional.of("/tmp"), Optional.empty(), false,
                true, false);
        ObjectNode q = ExecProcessBuilder.build(privileged, s.build(), IMAGE, rootfs, "web", SpecBuilder.host(1));
        assertThat(q.path("capabilities").path("bounding").size()).isEqualTo(41);
        assertThat(q.path("user").path("uid").asInt()).isEqualTo(1000);
        assertThat(q.path("cwd").asText()).isEqualTo("/tmp");
        assertThatThrownBy(() -> ExecProcessBuilder.build(new ExecSpec(List.of(), Map.of(), Optional.empty(),
                Optional.of("ghost"), false, false, false), s.build(), IMAGE, rootfs, "web", SpecBuilder.host(1)))
                .hasMessage("exec: no command specified");
        assertThatThrownBy(() -> ExecProcessBuilder.build(new ExecSpec(List.of("id"), Map.of(), Optional.empty(),
                Optional.of("ghost"), false, false, false), s.build(), IMAGE, rootfs, "web", SpecBuilder.host(1)))
                .hasMessage("exec --user: unable to find user ghost: no matching entries in passwd file");
    }
}
