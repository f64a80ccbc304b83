package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.TestHosts;
import io.jcompose.engine.linux.runtime.OciRuntime;
import io.jcompose.engine.linux.runtime.RuntimeProbe;
import io.jcompose.engine.linux.store.StoreLayout;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The filter jcompose compiles against the one crun installs: read from a running container's process with
 * ptrace(PTRACE_SECCOMP_GET_FILTER), they must be the same bytes. Needs root, crun and the busybox fixture.
 */
@Tag("root")
@EnabledIf("crunUsable")
class SeccompCrunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prints the seccomp filters of a process, newest first, one hex line each (python3's ctypes; needs root). */
    private static final String FILTER_READER = """
            import ctypes, os, sys
            libc = ctypes.CDLL(None, use_errno=True)
            libc.ptrace.restype = ctypes.c_long
            libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
            SEIZE, INTERRUPT, DETACH, GET_FILTER = 0x4206, 0x4207, 17, 0x420c
            pid = int(sys.argv[1])
            if libc.ptrace(SEIZE, pid, None, None) != 0:
                sys.exit("PTRACE_SEIZE: " + os.strerror(ctypes.get_errno()))
            libc.ptrace(INTERRUPT, pid, None, None)
            os.waitpid(pid, 0x40000000)  # __WALL: the tracee is not our child
            out = []
            index = 0
            while True:
                n = libc.ptrace(GET_FILTER, pid, index, None)
                if n < 0:
                    break
                buf = ctypes.create_string_buffer(n * 8)
                libc.ptrace(GET_FILTER, pid, index, buf)
                out.append(buf.raw.hex())
                index += 1
            libc.ptrace(DETACH, pid, None, None)
            print("\\n".join(out))
            """;

    private final String runId = "jcsec-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> started = new ArrayList<>();
    private OciRuntime crun;
    private Path dir;

    static boolean crunUsable() {
        return TestHosts.canRunContainers() && Files.isExecutable(Path.of("/usr/bin/python3"))
                && RuntimeProbe.choose(StoreLayout.fromEnvironment(System.getenv()), System.getenv()).name()
                .equals("crun");
    }

    @BeforeEach
    void setUp() throws Exception {
        crun = RuntimeProbe.choose(StoreLayout.fromEnvironment(System.getenv()), System.getenv());
        dir = Files.createTempDirectory(Path.of("/var/tmp"), runId);
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        assertThat(exec(List.of("tar", "-C", rootfs.toString(), "-xf", TestHosts.busyboxTar().orElseThrow()
                .toString()))).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String id : started) {
            exec(crun.command(false, "delete", "-f", id));
        }
        try (DirectoryStream<Path> controllers = Files.newDirectoryStream(Path.of("/sys/fs/cgroup"))) {
            for (Path controller : controllers) {
                Path parent = controller.resolve("jcompose").resolve(runId);
                for (String id : started) {
                    Files.deleteIfExists(parent.resolve(id));
                }
                Files.deleteIfExists(parent);
            }
        } catch (IOException e) {
            // a cgroup still in use or shared: left for the host's clean-up
        }
        exec(List.of("rm", "-rf", dir.toString()));
    }

    @Test
    void crunCompilesTheDefaultProfileIntoExactlyOurProgram() throws Exception {
        ObjectNode config = config(List.of("sleep", "30"));
        assertThat(config.has("annotations")).isFalse();

        int pid = start(config);

        List<String> installed = filters(pid);
        byte[] ours = SeccompCompiler.compile(config.path("linux").path("seccomp"));
        assertThat(installed).as("the container's seccomp filters").hasSize(1);
        assertThat(installed.getFirst()).as("crun's program against ours (%d bytes)", ours.length)
                .isEqualTo(HexFormat.of().formatHex(ours));
    }

    @Test
    void withTheAnnotationCrunInstallsOurProgramAndItRefusesWhatTheProfileRefuses() throws Exception {
        String script = "unshare -U true 2>&1; echo unshare=$?; echo ready; sleep 30";
        ObjectNode config = config(List.of("sh", "-c", script));
        new SeccompFilters(dir.resolve("filters")).annotate(config);
        byte[] ours = SeccompCompiler.compile(config.path("linux").path("seccomp"));
        assertThat(config.path("annotations").path(SeccompFilters.ANNOTATION).asText()).isNotEmpty();

        int pid = start(config);
        String out = awaitOutput("ready");

        assertThat(Files.readAllLines(Path.of("/proc/" + pid + "/status"))).contains("Seccomp:\t2");
        assertThat(filters(pid)).containsExactly(HexFormat.of().formatHex(ours));
        assertThat(out).contains("unshare: unshare(0x10000000): Operation not permitted").contains("unshare=1");

        // the control: without the filter the same call succeeds, so the filter is what refused it
        ObjectNode unconfined = config(List.of("sh", "-c", script));
        ((ObjectNode) unconfined.get("linux")).remove("seccomp");
        Files.deleteIfExists(dir.resolve("out"));
        int free = start(unconfined);
        String freeOut = awaitOutput("ready");
        assertThat(Files.readAllLines(Path.of("/proc/" + free + "/status"))).contains("Seccomp:\t0");
        assertThat(freeOut).contains("unshare=0");
    }

    private ObjectNode config(List<String> command) throws IOException {
        SpecBuilder s = new SpecBuilder();
        s.command = Optional.of(command);
        HostFacts host = HostFacts.read();
        String id = runId + "-" + started.size();
        Path etc = Files.createDirectories(dir.resolve("etc-" + id));
        Path hostname = Files.writeString(etc.resolve("hostname"), "c\n");
        Path hosts = Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n");
        Path resolv = Files.writeString(etc.resolve("resolv.conf"), "nameserver 127.0.0.53\n");
        OciContainerInput input = new OciContainerInput(s.build(), SpecBuilder.image("sh"), id,
                dir.resolve("rootfs"), List.of(), new OciMounts.EtcBinds(Optional.of(hostname), Optional.of(hosts),
                Optional.of(resolv)), Namespace.PRIVATE, Namespace.PRIVATE, Namespace.PRIVATE, Optional.empty(),
                "/jcompose/" + runId + "/" + id, Optional.empty(), host);
        return new OciConfigBuilder().build(input);
    }

    /** Runs the container detached with crun, its output to {@code out}; returns its first process's host pid. */
    private int start(ObjectNode config) throws Exception {
        String id = runId + "-" + started.size();
        Path bundle = Files.createDirectories(dir.resolve("bundle-" + id));
        JSON.writeValue(bundle.resolve("config.json").toFile(), config);
        started.add(id);
        Path out = dir.resolve("out");
        Process p = new ProcessBuilder(crun.command(true, "run", "--detach", "--bundle", bundle.toString(), id))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(out)).isZero();
        Process state = new ProcessBuilder(crun.command(false, "state", id)).redirectErrorStream(true).start();
        JsonNode json = JSON.readTree(state.getInputStream().readAllBytes());
        state.waitFor(30, TimeUnit.SECONDS);
        int pid = json.path("pid").asInt();
        assertThat(pid).as(json.toString()).isPositive();
        return pid;
    }

    private List<String> filters(int pid) throws Exception {
        Path script = Files.writeString(dir.resolve("filters.py"), FILTER_READER);
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(pid)).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private String awaitOutput(String marker) throws Exception {
        Path out = dir.resolve("out");
        for (int i = 0; i < 200; i++) {
            String text = Files.exists(out) ? Files.readString(out) : "";
            if (text.contains(marker)) {
                return text;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + marker + "' from the container: " + Files.readString(out));
    }

    private static int exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
