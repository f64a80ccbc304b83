package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcompose.cli.Jcompose;
import io.jcompose.engine.Backends;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ConflictException;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jcompose container …} on the built-in runtime, walking a docker course's lessons: hello world, a web
 * server on a published port, logs, the lifecycle, exec, cp, stats, prune, and the docker CLI's one-line errors.
 */
@EnabledIf("io.jcompose.e2e.OnBuiltInRuntime#canRun")
class LinuxContainerCommandsTest extends OnBuiltInRuntime {

    private static final String BUSYBOX = "jcompose-fixtures/busybox:latest";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether Docker's default network was there before: if this test made it, the test removes it. */
    private static boolean hadBridge;

    @BeforeAll
    static void rememberTheBridge() {
        hadBridge = Files.exists(LinuxProjectRun.LAYOUT.networks().resolve("bridge.json"));
    }

    @AfterAll
    static void removeTheBridgeWeMade() {
        if (hadBridge) {
            return;
        }
        try (Backend backend = Backends.open("linux", Map.of())) {
            backend.networks().remove("bridge");
        } catch (ConflictException inUseByOthers) {
            // another command's containers joined it meanwhile: theirs to clean up
        }
    }

    @TempDir
    Path dir;

    /** Unique to this test: the prefix of every container name, and a label that prune is limited to. */
    private final String tag = "jcc" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final List<String> created = new ArrayList<>();

    record Result(int code, String out, String err) {
    }

    private Result jc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--progress", "plain"));
        all.addAll(List.of(args));
        int code = Jcompose.run(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]),
                Map.of("HOME", System.getProperty("user.home"), "PATH", System.getenv().getOrDefault("PATH", ""),
                        "JCOMPOSE_BACKEND", "linux"), dir, all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private Result ok(String... args) {
        Result r = jc(args);
        assertThat(r.code()).as(String.join(" ", args) + "\nout: " + r.out() + "\nerr: " + r.err()).isZero();
        return r;
    }

    /** A unique container name, removed after the test whatever happens. */
    private String name(String what) {
        String n = tag + "-" + what;
        created.add(n);
        return n;
    }

    /** {@code container run} with this test's label, so that prune below touches nothing else on the host. */
    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("container", "run", "-l", "e2e=" + tag));
        all.addAll(List.of(args));
        return jc(all.toArray(String[]::new));
    }

    @AfterEach
    void removeEverything() {
        for (String n : created) {
            jc("container", "rm", "-f", "-v", n);
        }
    }

    @Test
    void bindMountLiveEdit_namedVolumeThroughMount_rmiOfAnImageInUseRefused() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "v1\n");
        String web = name("bind");
        run("-d", "--network", "none", "--name", web, "-v", site + ":/www", BUSYBOX, "sleep", "1000");
        assertThat(ok("container", "exec", web, "cat", "/www/index.html").out()).isEqualTo("v1\n");
        Files.writeString(site.resolve("index.html"), "v2\n");
        assertThat(ok("container", "exec", web, "cat", "/www/index.html").out()).as("a live edit").isEqualTo("v2\n");

        String volume = tag + "-vol";
        try {
            run("--name", name("writer"), "--network", "none", "--mount", "source=" + volume + ",target=/data",
                    BUSYBOX, "sh", "-c", "echo kept > /data/f");
            assertThat(run("--name", name("reader"), "--network", "none", "--mount",
                    "source=" + volume + ",target=/data", BUSYBOX, "cat", "/data/f").out()).isEqualTo("kept\n");
        } finally {
            removeEverything();
            jc("volume", "rm", volume);
        }

        String image = tag + "/img:1";
        ok("image", "tag", BUSYBOX, image);
        try {
            run("-d", "--network", "none", "--name", name("user"), image, "sleep", "1000");
            String id = JSON.readTree(ok("image", "inspect", image).out()).get(0).get("Id").asText();
            Result refused = jc("rmi", id);
            assertThat(refused.code()).isNotZero();
            assertThat(refused.err()).contains("must be forced").contains("is being used by container")
                    .doesNotContain("\tat ");
            assertThat(jc("image", "inspect", id).code()).as("the image stays").isZero();
        } finally {
            removeEverything();
            jc("image", "rm", image);
        }
    }

    @Test
    void detachedWithRm_isRemovedByTheSupervisorWhenItExits() throws Exception {
        String name = name("gone");
        String id = run("-d", "--rm", "--network", "none", "--name", name, BUSYBOX, "sh", "-c", "sleep 1").out()
                .strip();
        assertThat(id).matches("[0-9a-f]{64}");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (jc("container", "inspect", name).code() == 0) {
            assertThat(System.nanoTime()).as("removed once it exited").isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(jc("container", "ls", "-a", "-q", "--filter", "name=" + name).out()).isBlank();
    }

    @Test
    void helloWorld_exitsZero_andShowsInPsAll() {
        String hello = name("hello");
        Result r = run("--name", hello, BUSYBOX, "echo", "hello from busybox");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hello from busybox\n");

        String all = ok("container", "ls", "-a", "--filter", "name=" + hello).out();
        assertThat(all.lines().findFirst().orElseThrow()).startsWith("CONTAINER ID").contains("IMAGE")
                .contains("COMMAND").contains("CREATED").contains("STATUS").contains("PORTS").contains("NAMES");
        assertThat(all).contains(hello).contains("Exited (0)").contains("\"echo 'hello from…\"".substring(0, 6));
        assertThat(ok("container", "ls", "--filter", "name=" + hello).out()).doesNotContain(hello);
        String id = ok("container", "ls", "-a", "-q", "--filter", "name=" + hello).out().strip();
        assertThat(id).matches("[0-9a-f]{12}");
        JsonNode row = json(ok("container", "ls", "-a", "--format", "json", "--filter", "name=" + hello).out());
        assertThat(row.path("Names").asText()).isEqualTo(hello);
        assertThat(row.path("State").asText()).isEqualTo("exited");
        assertThat(row.path("Labels").asText()).isEqualTo("e2e=" + tag);
        assertThat(ok("container", "ls", "-a", "--format", "{{.Names}} {{.State}}", "--filter", "id=" + id).out())
                .isEqualTo(hello + " exited\n");
        // a random docker-like name when none is given, and --rm leaves nothing
        Result rm = run("--rm", BUSYBOX, "true");
        assertThat(rm.code()).as(rm.err()).isZero();
        assertThat(ok("container", "ls", "-a", "--filter", "label=e2e=" + tag, "-q").out().strip().lines())
                .containsExactly(id);
        // the exit code of the container is ours
        String failing = name("fail");
        assertThat(run("--name", failing, BUSYBOX, "sh", "-c", "exit 7").code()).isEqualTo(7);
    }

    @Test
    void webServer_publishedPort_lifecycle_exec_cp_stats() throws Exception {
        int port = ProjectRun.freePort();
        String web = name("web");
        Result started = run("-d", "-p", port + ":80", "--name", web, "-e", "GREETING=hi there", BUSYBOX, "sh",
                "-c", "mkdir -p /www && echo \"$GREETING\" > /www/index.html && exec httpd -f -p 80 -h /www");
        assertThat(started.code()).as(started.err()).isZero();
        assertThat(started.out().strip()).matches("[0-9a-f]{64}");
        assertThat(ProjectRun.get(port, Duration.ofSeconds(20))).isEqualTo("hi there\n");

        String ls = ok("container", "ps", "--filter", "name=" + web).out();
        assertThat(ls).contains("0.0.0.0:" + port + "->80/tcp").contains("Up ");
        assertThat(ok("container", "port", web, "80").out()).isEqualTo("0.0.0.0:" + port + "\n");
        assertThat(ok("container", "port", web).out()).isEqualTo("80/tcp -> 0.0.0.0:" + port + "\n");

        // exec: output, environment, working directory, user, exit code
        assertThat(ok("container", "exec", web, "cat", "/www/index.html").out()).isEqualTo("hi there\n");
        assertThat(ok("container", "exec", "-e", "X=1", web, "sh", "-c", "echo $X").out()).isEqualTo("1\n");
        assertThat(ok("container", "exec", "-w", "/www", web, "pwd").out()).isEqualTo("/www\n");
        assertThat(ok("container", "exec", "-u", "1000", web, "id", "-u").out()).isEqualTo("1000\n");
        assertThat(jc("container", "exec", web, "sh", "-c", "exit 4").code()).isEqualTo(4);

        assertThat(ok("container", "top", web).out()).contains("PID").contains("httpd");

        // cp in and out
        Files.writeString(dir.resolve("page.html"), "copied in\n");
        ok("container", "cp", "page.html", web + ":/www/");
        assertThat(ProjectRun.get(port, Duration.ofSeconds(5))).isEqualTo("hi there\n");
        assertThat(ok("container", "exec", web, "cat", "/www/page.html").out()).isEqualTo("copied in\n");
        Files.createDirectories(dir.resolve("out"));
        ok("container", "cp", web + ":/www/index.html", "out/");
        assertThat(Files.readString(dir.resolve("out/index.html"))).isEqualTo("hi there\n");
        // "dir/." copies what the directory holds, into a directory that exists, both ways
        ok("container", "cp", web + ":/www/.", "out/");
        assertThat(dir.resolve("out/page.html")).hasContent("copied in");
        assertThat(dir.resolve("out/www")).doesNotExist();
        Files.createDirectories(dir.resolve("tree/sub"));
        Files.writeString(dir.resolve("tree/sub/deep.txt"), "deep\n");
        ok("container", "cp", "tree/.", web + ":/www/");
        assertThat(ok("container", "exec", web, "cat", "/www/sub/deep.txt").out()).isEqualTo("deep\n");

        // stats from the cgroup
        String stats = ok("container", "stats", "--no-stream", web).out();
        assertThat(stats.lines().findFirst().orElseThrow()).contains("CONTAINER ID").contains("CPU %")
                .contains("MEM USAGE / LIMIT").contains("MEM %").contains("NET I/O").contains("BLOCK I/O")
                .contains("PIDS");
        JsonNode s = json(ok("container", "stats", "--no-stream", "--format", "json", web).out());
        assertThat(s.path("Name").asText()).isEqualTo(web);
        assertThat(Integer.parseInt(s.path("PIDs").asText())).isPositive();
        assertThat(s.path("MemUsage").asText()).matches("[0-9.]+[KMG]?i?B / [0-9.]+[KMGT]iB");
        assertThat(s.path("NetIO").asText()).doesNotStartWith("0B /");
        assertThat(s.path("CPUPerc").asText()).matches("\\d+\\.\\d\\d%");

        // inspect in docker's shape
        JsonNode inspect = JSON.readTree(ok("container", "inspect", web).out());
        assertThat(inspect.isArray()).isTrue();
        assertThat(inspect.get(0).path("Name").asText()).isEqualTo("/" + web);
        assertThat(inspect.get(0).path("State").path("Running").asBoolean()).isTrue();
        assertThat(inspect.get(0).path("NetworkSettings").path("Ports").path("80/tcp").get(0).path("HostPort")
                .asText()).isEqualTo(Integer.toString(port));
        assertThat(inspect.get(0).path("NetworkSettings").path("Networks").has("bridge")).isTrue();
        assertThat(ok("container", "inspect", "-f", "{{.State.Status}}", web).out()).isEqualTo("running\n");

        // a running container is not removed without -f: one line, docker's words
        Result refused = jc("container", "rm", web);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).startsWith("Error response from daemon: ").contains("force remove")
                .hasLineCount(1);

        // stop, start, restart
        assertThat(ok("container", "stop", "-t", "2", web).out()).isEqualTo(web + "\n");
        assertThat(ok("container", "ls", "-a", "--filter", "name=" + web).out()).contains("Exited");
        assertThat(ok("container", "start", web).out()).isEqualTo(web + "\n");
        assertThat(ProjectRun.get(port, Duration.ofSeconds(20))).isEqualTo("hi there\n");
        assertThat(ok("container", "restart", "-t", "2", web).out()).isEqualTo(web + "\n");
        assertThat(ProjectRun.get(port, Duration.ofSeconds(20))).isEqualTo("hi there\n");

        // rename: the old name is gone, the new one answers
        String renamed = name("renamed");
        ok("container", "rename", web, renamed);
        Result old = jc("container", "inspect", web);
        assertThat(old.code()).isEqualTo(1);
        assertThat(old.err()).isEqualTo("Error response from daemon: No such container: " + web + "\n");
        assertThat(ok("rename", renamed, web).code()).isZero();
        assertThat(ok("inspect", "-f", "{{.Name}}", web).out()).isEqualTo("/" + web + "\n");

        assertThat(ok("container", "rm", "-f", web).out()).isEqualTo(web + "\n");
        assertThat(jc("container", "inspect", web).code()).isEqualTo(1);
    }

    @Test
    void logsFollow_endsWhenTheContainerStops_andTailTimestamps() throws Exception {
        String ticker = name("ticker");
        ok("container", "run", "-d", "--name", ticker, BUSYBOX, "sh", "-c",
                "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done");
        CompletableFuture<Result> follow = CompletableFuture.supplyAsync(() -> jc("container", "logs", "-f", ticker));
        Thread.sleep(1500);
        assertThat(follow).isNotDone();
        ok("container", "stop", "-t", "1", ticker);
        Result followed = follow.get(20, TimeUnit.SECONDS);
        assertThat(followed.code()).isZero();
        assertThat(followed.out()).startsWith("tick 0\ntick 1\n");
        assertThat(ok("container", "logs", "--tail", "2", ticker).out().lines()).hasSize(2);
        assertThat(ok("container", "logs", "-t", "--tail", "1", ticker).out())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\S+ tick \\d+\\n");
        assertThat(ok("container", "logs", "--since", "2099-01-01T00:00:00Z", ticker).out()).isEmpty();
    }

    @Test
    void waitKillAndPrune() throws Exception {
        String three = name("three");
        ok("container", "run", "-d", "-l", "e2e=" + tag, "--name", three, BUSYBOX, "sh", "-c", "sleep 1; exit 3");
        assertThat(ok("container", "wait", three).out()).isEqualTo("3\n");

        String sleeper = name("sleeper");
        ok("container", "run", "-d", "-l", "e2e=" + tag, "--name", sleeper, BUSYBOX, "sleep", "600");
        assertThat(ok("container", "kill", sleeper).out()).isEqualTo(sleeper + "\n");
        assertThat(ok("container", "wait", sleeper).out()).isEqualTo("137\n");

        String keeper = name("keeper");
        ok("container", "run", "-d", "-l", "e2e=" + tag, "--name", keeper, BUSYBOX, "sleep", "600");
        Result pruned = ok("container", "prune", "-f", "--filter", "label=e2e=" + tag);
        assertThat(pruned.out()).startsWith("Deleted Containers:\n").contains("Total reclaimed space:");
        assertThat(pruned.out().lines().filter(l -> l.matches("[0-9a-f]{64}")).count()).isEqualTo(2);
        assertThat(ok("container", "ls", "-a", "-q", "--filter", "label=e2e=" + tag).out().strip().lines())
                .hasSize(1);
        assertThat(ok("container", "ls", "--format", "{{.Names}}", "--filter", "label=e2e=" + tag).out())
                .isEqualTo(keeper + "\n");
    }

    @Test
    void unknownAndConflictingNames_andAPortInUse_failInOneLine() throws Exception {
        String missing = tag + "-nonesuch";
        for (String command : List.of("stop", "start", "rm", "logs", "inspect", "top", "port", "kill", "wait")) {
            Result r = jc("container", command, missing);
            assertThat(r.code()).as(command).isEqualTo(1);
            assertThat(r.err()).as(command).isEqualTo("Error response from daemon: No such container: " + missing
                    + "\n");
        }
        Result exec = jc("container", "exec", missing, "true");
        assertThat(exec.err()).isEqualTo("Error response from daemon: No such container: " + missing + "\n");

        String taken = name("taken");
        ok("container", "create", "--name", taken, BUSYBOX, "true");
        Result conflict = jc("container", "run", "--name", taken, BUSYBOX, "true");
        assertThat(conflict.code()).isEqualTo(125);
        assertThat(conflict.err()).startsWith("Error response from daemon: Conflict. The container name \"/"
                + taken + "\" is already in use by container").hasLineCount(1);
        String other = name("other");
        ok("container", "create", "--name", other, BUSYBOX, "true");
        Result rename = jc("container", "rename", other, taken);
        assertThat(rename.code()).isEqualTo(1);
        assertThat(rename.err()).contains("is already in use by container").hasLineCount(1);

        Result network = jc("container", "run", "--network", tag + "-nonet", BUSYBOX, "true");
        assertThat(network.code()).isEqualTo(125);
        assertThat(network.err()).isEqualTo("Error response from daemon: network " + tag + "-nonet not found\n");

        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            String blocked = name("blocked");
            Result r = jc("container", "run", "-d", "--name", blocked, "-p", busy.getLocalPort() + ":80", BUSYBOX,
                    "sleep", "60");
            assertThat(r.code()).as(r.out()).isEqualTo(125);
            assertThat(r.err()).startsWith("Error response from daemon: ").contains(
                    Integer.toString(busy.getLocalPort())).hasLineCount(1);
            // refused before the container is made (Docker would leave it created): a compose up stops at its
            // create, before any of its containers has started
            assertThat(ok("container", "ls", "-a", "--format", "{{.State}}", "--filter", "name=" + blocked).out())
                    .isEmpty();
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line.lines().findFirst().orElseThrow());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
