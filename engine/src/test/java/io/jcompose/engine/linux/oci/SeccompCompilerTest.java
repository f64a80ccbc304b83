package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.oci.SeccompCompiler.Plan;
import io.jcompose.engine.linux.oci.SeccompCompiler.Rule;
import io.jcompose.engine.linux.sys.LibSeccomp.ArgCompare;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

class SeccompCompilerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ALLOW = 0x7fff0000;
    private static final int ERRNO_EPERM = 0x00050001;

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    /** Whether libseccomp can be loaded here, for the tests that compile for real. */
    static boolean libseccompLoads() {
        try {
            SeccompCompiler.compile(JSON.readTree("{\"defaultAction\":\"SCMP_ACT_ALLOW\"}"));
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    @Test
    void plan_mapsActionsErrnoAndArchitecturesAsCrunDoes() throws Exception {
        Plan plan = SeccompCompiler.plan(json("{'defaultAction':'SCMP_ACT_ERRNO','defaultErrnoRet':38,"
                + "'architectures':['SCMP_ARCH_X86_64','SCMP_ARCH_X86','SCMP_ARCH_X32'],'syscalls':["
                + "{'names':['read','write'],'action':'SCMP_ACT_ALLOW'},"
                + "{'names':['ptrace'],'action':'SCMP_ACT_ERRNO','errnoRet':1},"
                + "{'names':['kexec_load'],'action':'SCMP_ACT_KILL_PROCESS'}]}"));

        assertThat(plan.defaultAction()).isEqualTo(0x00050000 | 38);
        assertThat(plan.architectures()).containsExactly("x86_64", "x86", "x32");
        assertThat(plan.rules()).containsExactly(new Rule(ALLOW, "read", List.of()),
                new Rule(ALLOW, "write", List.of()), new Rule(ERRNO_EPERM, "ptrace", List.of()),
                new Rule(0x80000000, "kexec_load", List.of()));
    }

    @Test
    void plan_skipsRulesThatDoWhatTheDefaultDoes() throws Exception {
        // ERRNO without errnoRet is EPERM, which is the default here: libseccomp would refuse such a rule
        Plan plan = SeccompCompiler.plan(json("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':["
                + "{'names':['chroot'],'action':'SCMP_ACT_ERRNO'},{'names':['getpid'],'action':'SCMP_ACT_ALLOW'}]}"));

        assertThat(plan.defaultAction()).isEqualTo(ERRNO_EPERM);
        assertThat(plan.rules()).extracting(Rule::syscall).containsExactly("getpid");
    }

    @Test
    void plan_conditionsOnDifferentArgumentsMakeOneRuleButOnTheSameArgumentARuleEach() throws Exception {
        Plan plan = SeccompCompiler.plan(json("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':["
                + "{'names':['clone'],'action':'SCMP_ACT_ALLOW','args':["
                + "{'index':0,'value':2114060288,'valueTwo':0,'op':'SCMP_CMP_MASKED_EQ'},"
                + "{'index':1,'value':5,'op':'SCMP_CMP_GT'}]},"
                + "{'names':['personality'],'action':'SCMP_ACT_ALLOW','args':["
                + "{'index':0,'value':0,'op':'SCMP_CMP_EQ'},{'index':0,'value':8,'op':'SCMP_CMP_EQ'},"
                + "{'index':0,'value':18446744073709551615,'op':'SCMP_CMP_EQ'}]}]}"));

        assertThat(plan.rules()).containsExactly(
                new Rule(ALLOW, "clone", List.of(new ArgCompare(0, 7, 2114060288L, 0),
                        new ArgCompare(1, 6, 5, 0))),
                new Rule(ALLOW, "personality", List.of(new ArgCompare(0, 4, 0, 0))),
                new Rule(ALLOW, "personality", List.of(new ArgCompare(0, 4, 8, 0))),
                new Rule(ALLOW, "personality", List.of(new ArgCompare(0, 4, -1L, 0))));
    }

    @Test
    void plan_refusesWhatCrunRefuses() {
        assertThatThrownBy(() -> SeccompCompiler.plan(json("{'syscalls':[]}")))
                .hasMessageContaining("default action");
        assertThatThrownBy(() -> SeccompCompiler.plan(json("{'defaultAction':'SCMP_ACT_ALLOW',"
                + "'defaultErrnoRet':1}"))).hasMessageContaining("errno value");
        assertThatThrownBy(() -> SeccompCompiler.plan(json("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':["
                + "{'names':['read'],'action':'SCMP_ACT_PERMIT'}]}"))).hasMessageContaining("unknown action");
        assertThatThrownBy(() -> SeccompCompiler.plan(json("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':["
                + "{'names':['read'],'action':'SCMP_ACT_ALLOW','args':[{'index':6,'value':1,'op':'SCMP_CMP_EQ'}]}"
                + "]}"))).hasMessageContaining("index 6");
        assertThatThrownBy(() -> SeccompCompiler.plan(json("{'defaultAction':'SCMP_ACT_ERRNO','syscalls':["
                + "{'names':['read'],'action':'SCMP_ACT_ALLOW','args':[{'index':0,'value':1,'op':'EQ'}]}"
                + "]}"))).hasMessageContaining("operator");
    }

    @Test
    @EnabledIf("libseccompLoads")
    void compile_givesAProgramThatChangesWithTheProfileAndSkipsUnknownNames() throws Exception {
        byte[] allowGetpid = SeccompCompiler.compile(json("{'defaultAction':'SCMP_ACT_ERRNO',"
                + "'architectures':['SCMP_ARCH_X86_64'],'syscalls':[{'names':['getpid'],'action':'SCMP_ACT_ALLOW'}]}"));
        byte[] withUnknown = SeccompCompiler.compile(json("{'defaultAction':'SCMP_ACT_ERRNO',"
                + "'architectures':['SCMP_ARCH_X86_64'],'syscalls':[{'names':['getpid','no_such_call'],"
                + "'action':'SCMP_ACT_ALLOW'}]}"));
        byte[] allowGetppid = SeccompCompiler.compile(json("{'defaultAction':'SCMP_ACT_ERRNO',"
                + "'architectures':['SCMP_ARCH_X86_64'],'syscalls':[{'names':['getppid'],'action':'SCMP_ACT_ALLOW'}]}"));

        assertThat(allowGetpid.length).isPositive().isEqualTo(allowGetpid.length / 8 * 8);
        assertThat(withUnknown).isEqualTo(allowGetpid);
        assertThat(allowGetppid).isNotEqualTo(allowGetpid);
    }

    @Test
    @EnabledIf("libseccompLoads")
    void compile_refusesAnUnknownArchitecture() throws Exception {
        assertThatThrownBy(() -> SeccompCompiler.compile(json("{'defaultAction':'SCMP_ACT_ERRNO',"
                + "'architectures':['SCMP_ARCH_PDP11']}"))).hasMessageContaining("pdp11");
    }

    @Test
    @EnabledIf("libseccompLoads")
    void filters_annotateTheConfigAndKeepTheProgramOnDiskForOtherJvms(@TempDir java.nio.file.Path dir)
            throws Exception {
        ObjectNode config = JSON.createObjectNode();
        config.withObjectProperty("linux").set("seccomp", json("{'defaultAction':'SCMP_ACT_ERRNO',"
                + "'architectures':['SCMP_ARCH_X86_64'],'syscalls':[{'names':['getpid'],'action':'SCMP_ACT_ALLOW'}]}"));
        byte[] expected = SeccompCompiler.compile(config.path("linux").path("seccomp"));

        new SeccompFilters(dir).annotate(config);

        assertThat(Base64.getDecoder().decode(config.path("annotations").path(SeccompFilters.ANNOTATION).asText()))
                .isEqualTo(expected);
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> list = java.nio.file.Files.list(dir)) {
            files = list.toList();
        }
        assertThat(files).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".bpf"));
        assertThat(java.nio.file.Files.readAllBytes(files.getFirst())).isEqualTo(expected);
        // another JVM takes the stored program rather than compiling (here: a stand-in it could not compile)
        byte[] standIn = new byte[16];
        java.nio.file.Files.write(files.getFirst(), standIn);
        assertThat(new SeccompFilters(dir).program(config.path("linux").path("seccomp"))).contains(standIn);
    }

    @Test
    void filters_leaveAConfigWithoutSeccompAlone(@TempDir java.nio.file.Path dir) {
        ObjectNode config = JSON.createObjectNode();
        config.putObject("linux");

        new SeccompFilters(dir).annotate(config);

        assertThat(config.has("annotations")).isFalse();
    }
}
