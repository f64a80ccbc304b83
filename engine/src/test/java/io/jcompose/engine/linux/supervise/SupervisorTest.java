package io.jcompose.engine.linux.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.LinuxHost;
import io.jcompose.engine.linux.TestHosts;
import io.jcompose.engine.linux.runtime.RuntimeProbe;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.ExecSpec;
import io.jcompose.engine.spi.StdStreams;
import io.jcompose.planner.labels.ComposeLabels;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** Restart policies and health checks, with the supervisor's passes driven by the test. */
@EnabledIf("io.jcompose.engine.linux.TestHosts#canRunContainers")
class SupervisorTest {

    @TempDir
    Path tmp;

    LinuxBackend backend;
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    final List<String> created = new ArrayList<>();
    final String project = "sup" + Math.abs(System.nanoTime() % 100000);

    @BeforeEach
    void open() throws Exception {
        StoreLayout layout = new StoreLayout(tmp.resolve("root"), tmp.resolve("run"));
        backend = LinuxHost.open(layout, RuntimeProbe.choose(layout, System.getenv()),
                (n, p) -> null, (i, n, p) -> { }, false);
        TestHosts.addBusybox(backend.imageStore(), "busybox:test", Map.of());
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String id : created) {
            backend.containers().remove(id, true, true);
        }
        executor.close();
        assertThat(TestHosts.mountsUnder(tmp)).isEmpty();
    }

    private String create(String name, List<String> command, ContainerSpec.RestartPolicy restart,
                          Optional<ContainerSpec.HealthcheckSpec> health) {
        // started by the test, not through the launcher: this test drives the supervisor itself
        String id = backend.containers().create(TestHosts.spec(name + "-" + project, "busybox:test", command,
                Map.of(ComposeLabels.PROJECT, project), List.of(), restart, health));
        created.add(id);
        return id;
    }

    private void tickUntil(Supervisor supervisor, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                created.forEach(c -> System.out.println(backend.linuxContainers().store().get(c) + " "
                        + backend.containers().inspect(c)));
            }
            assertThat(System.nanoTime()).as("condition reached in time").isLessThan(deadline);
            supervisor.tick(executor);
            Thread.sleep(50);
        }
    }

    @Test
    void onFailureRestartsUpToItsLimit_thenLetsTheContainerRest() throws Exception {
        String id = create("failing", List.of("sh", "-c", "exit 4"), new ContainerSpec.RestartPolicy("on-failure", 2),
                Optional.empty());
        Supervisor supervisor = new Supervisor(project, backend.linuxContainers(), backend.imageStore(),
                backend.events(), backend.linuxNetworks());
        backend.linuxContainers().launch(backend.linuxContainers().store().get(id), true);

        tickUntil(supervisor, () -> backend.linuxContainers().store().get(id).restartCount() == 2
                && backend.containers().inspect(id).orElseThrow().state() == ContainerState.EXITED);
        for (int i = 0; i < 10; i++) {
            assertThat(supervisor.tick(executor)).as("nothing left to watch").isFalse();
            Thread.sleep(50);
        }
        assertThat(backend.linuxContainers().store().get(id).restartCount()).isEqualTo(2);
        assertThat(backend.containers().inspect(id).orElseThrow().exitCode()).isEqualTo(4);
        assertThat(TestHosts.mountsUnder(tmp)).as("an exited container holds no mount").isEmpty();
    }

    @Test
    void alwaysRestartsAKilledMainProcess_butNotAfterStop() throws Exception {
        String id = create("always", List.of("sleep", "1000"), new ContainerSpec.RestartPolicy("always", 0),
                Optional.empty());
        Supervisor supervisor = new Supervisor(project, backend.linuxContainers(), backend.imageStore(),
                backend.events(), backend.linuxNetworks());
        backend.linuxContainers().launch(backend.linuxContainers().store().get(id), true);
        long firstPid = pid(id);

        new ProcessBuilder("kill", "-9", Long.toString(firstPid)).start().waitFor();
        tickUntil(supervisor, () -> backend.containers().inspect(id).orElseThrow().state() == ContainerState.RUNNING
                && pid(id) > 0 && pid(id) != firstPid);
        assertThat(backend.linuxContainers().store().get(id).restartCount()).isEqualTo(1);

        backend.containers().stop(id, Duration.ofMillis(200));
        for (int i = 0; i < 5; i++) {
            supervisor.tick(executor);
            Thread.sleep(100);
        }
        assertThat(backend.containers().inspect(id).orElseThrow().state()).isEqualTo(ContainerState.EXITED);
    }

    @Test
    void healthGoesFromStartingToUnhealthyToHealthy() throws Exception {
        var check = new ContainerSpec.HealthcheckSpec(List.of("CMD", "test", "-f", "/tmp/ok"),
                Optional.of(Duration.ofMillis(200)), Optional.of(Duration.ofSeconds(2)), Optional.of(2),
                Optional.empty(), Optional.empty());
        String id = create("health", List.of("sleep", "1000"), ContainerSpec.RestartPolicy.NO, Optional.of(check));
        Supervisor supervisor = new Supervisor(project, backend.linuxContainers(), backend.imageStore(),
                backend.events(), backend.linuxNetworks());
        backend.linuxContainers().launch(backend.linuxContainers().store().get(id), true);
        assertThat(backend.containers().inspect(id).orElseThrow().health()).isEqualTo(Health.STARTING);

        tickUntil(supervisor, () -> backend.containers().inspect(id).orElseThrow().health() == Health.UNHEALTHY);
        backend.containers().exec(id, new ExecSpec(List.of("touch", "/tmp/ok"), Map.of(), Optional.empty(),
                Optional.empty(), false, false, false), new StdStreams(Optional.empty(),
                new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        tickUntil(supervisor, () -> backend.containers().inspect(id).orElseThrow().health() == Health.HEALTHY);
    }

    private long pid(String id) {
        return io.jcompose.engine.linux.container.ContainerStatus.of(backend.linuxContainers().store().get(id),
                backend.linuxContainers().store()).pid().orElse(-1L);
    }
}
