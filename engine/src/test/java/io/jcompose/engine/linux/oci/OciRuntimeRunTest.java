package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.ContainerSpec.Resources;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** Generated configs run by the real runc: the container must see what the spec asked for. Needs root and runc. */
@Tag("root")
@EnabledIf("runcUsable")
class OciRuntimeRunTest {

    private static final Path FIXTURES = Path.of("/var/cache/jcompose/fixtures");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String runId = "jcoci-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> started = new ArrayList<>();
    private Path dir;

    static boolean runcUsable() throws IOException {
        boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
        return root && Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "runc")));
    }

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory(Path.of("/var/tmp"), runId);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String id : started) {
            exec(List.of("runc", "--root", dir.resolve("state").toString(), "delete", "-f", id));
        }
        // runc removes a container's own cgroup but not the parents named in cgroupsPath
        try (DirectoryStream<Path> controllers = Files.newDirectoryStream(Path.of("/sys/fs/cgroup"))) {
            for (Path controller : controllers) {
                Path parent = controller.resolve("jcompose").resolve(runId);
                for (String id : started) {
                    rmdir(parent.resolve(id));
                }
                rmdir(parent);
                rmdir(controller.resolve("jcompose")); // fails harmlessly while others use it
            }
        }
        exec(List.of("rm", "-rf", dir.toString()));
    }

    @Test
    void busybox_asUserWithLimitsReadOnlyRootAndTmpfs() throws Exception {
        Path rootfs = busyboxRootfs();
        SpecBuilder s = new SpecBuilder();
        s.user = Optional.of("app");
        s.environment.put("GREETING", "hello there");
        s.readOnly = true;
        s.tmpfs.put("/scratch", "size=16m");
        s.hostname = Optional.of("web");
        s.resources = new Resources(Optional.of(64L << 20), Optional.empty(), Optional.of(0.5), Optional.empty(),
                Optional.empty(), Optional.of(64L), Optional.empty());
        s.command = Optional.of(List.of("sh", "-c", String.join("; ",
                "id", "echo GREETING=$GREETING", "grep -E '^(Seccomp|CapBnd|CapEff):' /proc/self/status",
                "touch /written 2>&1 || true", "echo data > /scratch/f && cat /scratch/f",
                "echo mem=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes)",
                "echo quota=$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us)", "echo nofile=$(ulimit -n)",
                "echo hostname=$(hostname) file=$(cat /etc/hostname)")));
        HostFacts host = HostFacts.read();

        Result r = run(s.build(), SpecBuilder.image("sh"), rootfs, host);

        long nofile = Math.min(Rlimits.DEFAULT_NOFILE, host.hardLimit("RLIMIT_NOFILE").orElse(Long.MAX_VALUE));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("uid=1000(app) gid=1000(app) groups=50(staff)")
                .contains("GREETING=hello there")
                .contains("Seccomp:\t2")
                .contains("CapBnd:\t00000000a80425fb")
                .contains("CapEff:\t0000000000000000") // a non-root user keeps no effective capabilities
                .contains("touch: /written: Read-only file system")
                .contains("data\n")
                .contains("mem=67108864").contains("quota=50000").contains("nofile=" + nofile)
                .contains("hostname=web file=web");
    }

    @Test
    void busybox_rootWithInitGetsDockersCapabilities() throws Exception {
        Path rootfs = busyboxRootfs();
        SpecBuilder s = new SpecBuilder();
        s.init = true;
        s.capAdd.add("net_admin");
        s.command = Optional.of(List.of("sh", "-c",
                "grep -E '^Cap(Eff|Bnd):' /proc/self/status; echo pid1=$(tr '\\0' ' ' < /proc/1/cmdline); "
                        + "mount -t tmpfs none /mnt 2>&1; echo done"));

        Result r = run(s.build(), SpecBuilder.image("sh"), rootfs, HostFacts.read());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        // Docker's default set plus NET_ADMIN (bit 12)
        assertThat(r.stdout()).contains("CapEff:\t00000000a80435fb").contains("CapBnd:\t00000000a80435fb")
                .contains("pid1=/sbin/docker-init -- sh -c")
                .contains("mount: permission denied").contains("done");
    }

    @Test
    void pythonFlask_servesARequestFromAThread() throws Exception {
        Optional<Path> tar = fixture("python-flask-");
        org.junit.jupiter.api.Assumptions.assumeTrue(tar.isPresent(), "no python-flask fixture");
        Path rootfs = untar(tar.get());
        String script = String.join("\n",
                "import threading, urllib.request, flask, subprocess",
                "from werkzeug.serving import make_server",
                "app = flask.Flask('t')",
                "@app.route('/')",
                "def hi(): return 'hi from flask'",
                "server = make_server('127.0.0.1', 0, app, threaded=True)",
                "threading.Thread(target=server.serve_forever, daemon=True).start()",
                "print(urllib.request.urlopen('http://127.0.0.1:%d/' % server.server_port).read().decode())",
                "print('child', subprocess.run(['true']).returncode)",
                "server.shutdown()");
        SpecBuilder s = new SpecBuilder();
        s.command = Optional.of(List.of("python3", "-c", script));
        ImageConfig image = SpecBuilder.image(List.of("LANG=C.UTF-8"), Optional.empty(),
                Optional.of(List.of("python3")), "/", "");

        Result r = run(s.build(), image, rootfs, HostFacts.read());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("hi from flask").contains("child 0");
    }

    @Test
    void redis_serverAnswersPing() throws Exception {
        Optional<Path> tar = fixture("redis-");
        org.junit.jupiter.api.Assumptions.assumeTrue(tar.isPresent(), "no redis fixture");
        Path rootfs = untar(tar.get());
        SpecBuilder s = new SpecBuilder();
        s.command = Optional.of(List.of("sh", "-c", "redis-server --port 6390 --save '' --daemonize yes"
                + " && sleep 1 && redis-cli -p 6390 ping && redis-cli -p 6390 shutdown nosave"));

        Result r = run(s.build(), SpecBuilder.image("redis-server"), rootfs, HostFacts.read());

        assertThat(r.stdout()).as(r.toString()).contains("PONG");
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result run(ContainerSpec spec, ImageConfig image, Path rootfs, HostFacts host) throws Exception {
        String id = runId + "-" + started.size();
        Path bundle = Files.createDirectories(dir.resolve("bundle-" + id));
        String hostname = EtcFiles.hostname(spec, id, false, host);
        Path hostnameFile = Files.writeString(bundle.resolve("hostname"), EtcFiles.hostnameFile(hostname));
        Path hosts = Files.writeString(bundle.resolve("hosts"), EtcFiles.hosts(List.of(), Optional.empty(),
                Optional.empty(), hostname, Optional.empty()));
        Path resolv = Files.writeString(bundle.resolve("resolv.conf"),
                EtcFiles.resolvConf("nameserver 127.0.0.53\n", List.of(), List.of(), List.of(), false));
        OciContainerInput input = new OciContainerInput(spec, image, id, rootfs, List.of(),
                new OciMounts.EtcBinds(Optional.of(hostnameFile), Optional.of(hosts), Optional.of(resolv)),
                Namespace.PRIVATE, Namespace.PRIVATE, Namespace.PRIVATE, Optional.empty(),
                "/jcompose/" + runId + "/" + id,
                spec.init() ? Optional.of(InitBinary.locate()) : Optional.empty(), host);
        ObjectNode config = new OciConfigBuilder().build(input);
        JSON.writerWithDefaultPrettyPrinter().writeValue(bundle.resolve("config.json").toFile(), config);

        started.add(id);
        Path out = bundle.resolve("stdout");
        Path err = bundle.resolve("stderr");
        Process p = new ProcessBuilder("runc", "--root", dir.resolve("state").toString(), "run", "--bundle",
                bundle.toString(), id).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("runc run did not finish in 60 s: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path busyboxRootfs() throws Exception {
        Optional<Path> tar = fixture("busybox-");
        Path rootfs;
        if (tar.isPresent()) {
            rootfs = untar(tar.get());
        } else {
            // runtime.md §1: busybox-static with relative applet links
            rootfs = Files.createDirectories(dir.resolve("rootfs"));
            for (String d : List.of("bin", "etc", "proc", "sys", "dev", "tmp", "root", "mnt")) {
                Files.createDirectories(rootfs.resolve(d));
            }
            Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
            Process list = new ProcessBuilder("/bin/busybox", "--list").start();
            for (String applet : new String(list.getInputStream().readAllBytes()).split("\n")) {
                if (!applet.isBlank() && !applet.equals("busybox")) {
                    Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
                }
            }
            list.waitFor();
        }
        Files.createDirectories(rootfs.resolve("mnt"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + "app:x:1000:1000:app:/home/app:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nstaff:x:50:app\napp:x:1000:\n");
        return rootfs;
    }

    private static Optional<Path> fixture(String prefix) throws IOException {
        if (!Files.isDirectory(FIXTURES)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".tar")).sorted().findFirst();
        }
    }

    private Path untar(Path tar) throws Exception {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
        int rc = exec(List.of("tar", "-C", rootfs.toString(), "-xf", tar.toString()));
        assertThat(rc).as("untar " + tar).isZero();
        return rootfs;
    }

    private static int exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static void rmdir(Path cgroup) {
        try {
            Files.deleteIfExists(cgroup);
        } catch (IOException e) {
            // not empty (shared parent) or already gone
        }
    }

}
