package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.oci.SecurityOptions.DefaultSeccomp;
import io.jcompose.engine.linux.oci.SeccompProfile.Arch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeccompProfileTest {

    private static final Arch X86_64 = new Arch("SCMP_ARCH_X86_64", "amd64");
    private static final List<String> DEFAULT_CAPS = Capabilities.DOCKER_DEFAULT;

    private static ObjectNode defaultFor(List<String> caps) {
        return SeccompProfile.convert(SeccompProfile.defaultProfile(), caps, SpecBuilder.host(1024), X86_64);
    }

    /** The rules that mention {@code name}, as "action[/errno][ args]". */
    private static List<String> rules(ObjectNode profile, String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode call : profile.path("syscalls")) {
            for (JsonNode n : call.path("names")) {
                if (n.asText().equals(name)) {
                    out.add(call.path("action").asText() + (call.has("errnoRet") ? "/" + call.get("errnoRet") : "")
                            + (call.has("args") ? " " + call.get("args") : ""));
                }
            }
        }
        return out;
    }

    @Test
    void convert_defaultDeniesWithEpermOnTheNativeArchitectures() {
        ObjectNode p = defaultFor(DEFAULT_CAPS);
        assertThat(p.path("defaultAction").asText()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(p.path("defaultErrnoRet").asInt()).isEqualTo(1);
        assertThat(p.path("architectures").toString())
                .isEqualTo("[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_X86\",\"SCMP_ARCH_X32\"]");
        assertThat(rules(p, "read")).containsExactly("SCMP_ACT_ALLOW");
        assertThat(rules(p, "arch_prctl")).containsExactly("SCMP_ACT_ALLOW");
        assertThat(rules(p, "set_tls")).isEmpty();
        assertThat(rules(p, "keyctl")).isEmpty();
    }

    @Test
    void convert_withoutSysAdmin_noMountsAndNoNewNamespaces() {
        ObjectNode p = defaultFor(DEFAULT_CAPS);
        assertThat(rules(p, "mount")).isEmpty();
        assertThat(rules(p, "unshare")).isEmpty();
        assertThat(rules(p, "setns")).isEmpty();
        assertThat(rules(p, "clone")).singleElement().asString().contains("SCMP_CMP_MASKED_EQ")
                .contains("2114060288");
        assertThat(rules(p, "clone3")).containsExactly("SCMP_ACT_ERRNO/38");
        assertThat(rules(p, "ptrace")).isEmpty();
        assertThat(rules(p, "settimeofday")).isEmpty();
        assertThat(rules(p, "init_module")).isEmpty();
        assertThat(rules(p, "reboot")).isEmpty();
        assertThat(rules(p, "chroot")).containsExactly("SCMP_ACT_ALLOW"); // SYS_CHROOT is a default capability
    }

    @Test
    void convert_capabilitiesOpenTheirSyscalls() {
        List<String> caps = new ArrayList<>(DEFAULT_CAPS);
        caps.addAll(List.of("CAP_SYS_ADMIN", "CAP_SYS_PTRACE", "CAP_SYS_TIME", "CAP_SYS_MODULE", "CAP_SYS_BOOT",
                "CAP_SYS_NICE"));
        ObjectNode p = defaultFor(caps);
        assertThat(rules(p, "mount")).containsExactly("SCMP_ACT_ALLOW");
        assertThat(rules(p, "umount2")).containsExactly("SCMP_ACT_ALLOW");
        assertThat(rules(p, "clone")).containsExactly("SCMP_ACT_ALLOW");
        assertThat(rules(p, "clone3")).containsExactly("SCMP_ACT_ALLOW");
        assertThat(rules(p, "ptrace")).containsExactly("SCMP_ACT_ALLOW");
        assertThat(rules(p, "process_vm_readv")).containsExactly("SCMP_ACT_ALLOW");
        assertThat(rules(p, "clock_settime")).containsExactly("SCMP_ACT_ALLOW");
        assertThat(rules(p, "finit_module")).containsExactly("SCMP_ACT_ALLOW");
        assertThat(rules(p, "reboot")).containsExactly("SCMP_ACT_ALLOW");
        assertThat(rules(p, "mbind")).containsExactly("SCMP_ACT_ALLOW");
    }

    @Test
    void forContainer_unconfinedOrPrivilegedHasNone() {
        assertThat(SeccompProfile.forContainer(new SecurityOptions.Unconfined(), false, DEFAULT_CAPS,
                SpecBuilder.host(1024))).isEmpty();
        assertThat(SeccompProfile.forContainer(new DefaultSeccomp(), true, DEFAULT_CAPS, SpecBuilder.host(1024)))
                .isEmpty();
        assertThat(SeccompProfile.forContainer(new DefaultSeccomp(), false, DEFAULT_CAPS, SpecBuilder.host(1024)))
                .isPresent();
    }

    @Test
    void forContainer_dockerFormatFileIsConverted(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), """
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "architectures": ["SCMP_ARCH_X86_64"],
                 "syscalls": [
                   {"name": "mkdir", "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
                   {"names": ["chmod"], "action": "SCMP_ACT_ERRNO", "includes": {"arches": ["s390x"]}},
                   {"names": ["chown"], "action": "SCMP_ACT_ERRNO", "includes": {"minKernel": "99.0"}},
                   {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
                    "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]}]}
                """);
        ObjectNode p = SeccompProfile.forContainer(new SecurityOptions.ProfileFile(file), false, DEFAULT_CAPS,
                SpecBuilder.host(1024)).orElseThrow();
        assertThat(p.path("defaultAction").asText()).isEqualTo("SCMP_ACT_ALLOW");
        assertThat(rules(p, "mkdir")).containsExactly("SCMP_ACT_ERRNO/13");
        assertThat(rules(p, "chown")).isEmpty();
        assertThat(rules(p, "personality")).containsExactly(
                "SCMP_ACT_ALLOW [{\"index\":0,\"value\":8,\"op\":\"SCMP_CMP_EQ\"}]");
        if (SeccompProfile.Arch.native_().goName().equals("amd64")) {
            assertThat(rules(p, "chmod")).isEmpty();
        }
    }

    @Test
    void forContainer_unreadableOrInvalidFileNamesTheKey(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> SeccompProfile.forContainer(new SecurityOptions.ProfileFile(dir.resolve("none")),
                false, DEFAULT_CAPS, SpecBuilder.host(1024)))
                .hasMessageStartingWith("security_opt: cannot read seccomp profile");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"syscalls\": []}");
        assertThatThrownBy(() -> SeccompProfile.forContainer(new SecurityOptions.ProfileFile(bad), false,
                DEFAULT_CAPS, SpecBuilder.host(1024)))
                .hasMessage("security_opt: the seccomp profile has no defaultAction");
    }

    @Test
    void securityOptions_parseDockersSpellings() {
        assertThat(SecurityOptions.parse(List.of("no-new-privileges"))).isEqualTo(new SecurityOptions(true,
                new DefaultSeccomp(), false));
        assertThat(SecurityOptions.parse(List.of("no-new-privileges:true", "seccomp:unconfined")))
                .isEqualTo(new SecurityOptions(true, new SecurityOptions.Unconfined(), false));
        assertThat(SecurityOptions.parse(List.of("no-new-privileges=false", "systempaths=unconfined",
                "apparmor=unconfined"))).isEqualTo(new SecurityOptions(false, new DefaultSeccomp(), true));
        assertThat(SecurityOptions.parse(List.of("seccomp=/p.json")).seccomp())
                .isEqualTo(new SecurityOptions.ProfileFile(Path.of("/p.json")));
        assertThatThrownBy(() -> SecurityOptions.parse(List.of("privileged"))).isInstanceOf(OciConfigException.class)
                .hasMessageStartingWith("security_opt: invalid option \"privileged\"");
    }
}
