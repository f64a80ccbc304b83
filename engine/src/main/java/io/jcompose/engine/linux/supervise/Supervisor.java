package io.jcompose.engine.linux.supervise;

import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStatus;
import io.jcompose.engine.linux.container.ContainerStore;
import io.jcompose.engine.linux.container.LinuxContainers;
import io.jcompose.engine.linux.event.EventLog;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.network.LinuxNetworks;
import io.jcompose.engine.spi.ExecSpec;
import io.jcompose.engine.spi.StdStreams;
import io.jcompose.planner.labels.ComposeLabels;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps one project's containers as their policies say, after the command that started them has ended: restarts
 * exited containers per their restart policy, runs health checks, and releases the rootfs of containers that ended
 * for good. It ends by itself when none of the project's containers is running or waiting for a restart.
 */
public final class Supervisor {

    private static final Duration TICK = Duration.ofMillis(200);
    private static final Duration IDLE_EXIT = Duration.ofSeconds(3);

    private final String project;
    private final ContainerStore store;
    private final LinuxContainers containers;
    private final ImageStore images;
    private final EventLog events;
    private final Map<String, HealthTracker> health = new HashMap<>();
    private final Map<String, Future<?>> checks = new HashMap<>();
    private final Map<String, Instant> restartAt = new HashMap<>();
    private final Set<String> released = new HashSet<>();
    private final DnsHosting dns;

    public Supervisor(String project, LinuxContainers containers, ImageStore images, EventLog events,
                      LinuxNetworks networks) {
        this.project = project;
        this.store = containers.store();
        this.containers = containers;
        this.images = images;
        this.events = events;
        this.dns = new DnsHosting(project, networks, store, store.layout().supervisors().resolve("dns"));
    }

    /** Runs until idle or interrupted. */
    public void run() throws InterruptedException {
        Instant idleSince = null;
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor(); dns) {
            while (!Thread.currentThread().isInterrupted()) {
                boolean busy = tick(executor);
                if (busy) {
                    idleSince = null;
                } else if (idleSince == null) {
                    idleSince = Instant.now();
                } else if (Duration.between(idleSince, Instant.now()).compareTo(IDLE_EXIT) > 0) {
                    return;
                }
                Thread.sleep(TICK.toMillis());
            }
        }
    }

    /** One pass over the project's containers; returns whether any still needs watching. */
    boolean tick(java.util.concurrent.ExecutorService executor) {
        boolean busy = false;
        dns.reconcile();
        Set<String> seen = new HashSet<>();
        for (ContainerRecord record : store.list()) {
            if (!belongs(record)) {
                // a container of another project on a network we serve names for keeps us going, from the start
                // of its launch on: else we could idle out between its wait for our names and its first lookup
                busy |= record.spec().networkMode().isEmpty()
                        && record.spec().networks().keySet().stream().anyMatch(dns.served()::contains)
                        && (ContainerStatus.starting(store, record.id())
                            || ContainerStatus.of(record, store).running());
                continue;
            }
            seen.add(record.id());
            try {
                busy |= watch(record, executor);
            } catch (RuntimeException e) {
                // a command removed or changed it meanwhile: the next pass sees the new state
                System.err.println(Instant.now() + " " + record.name() + ": " + e.getMessage());
                busy = true;
            }
        }
        health.keySet().retainAll(seen);
        restartAt.keySet().retainAll(seen);
        released.retainAll(seen);
        return busy;
    }

    /** One container's pass; returns whether it still needs watching. */
    private boolean watch(ContainerRecord record, java.util.concurrent.ExecutorService executor) {
        if (ContainerStatus.starting(store, record.id())) {
            return true;
        }
        ContainerStatus status = ContainerStatus.of(record, store);
        if (status.running()) {
            released.remove(record.id());
            watchHealth(record, status, executor);
            return true;
        }
        if (status.state() == ContainerState.EXITED && record.started().isPresent()) {
            health.remove(record.id());
            return handleExit(record, status);
        }
        if (status.state() == ContainerState.RESTARTING) {
            return handleExit(record, status);
        }
        return false;
    }

    private boolean belongs(ContainerRecord record) {
        String label = record.spec().labels().get(ComposeLabels.PROJECT);
        return project.equals(label == null ? SupervisorLauncher.NO_PROJECT : label);
    }

    /** Schedules a restart, or releases the container when its policy lets it rest. */
    private boolean handleExit(ContainerRecord record, ContainerStatus status) {
        Path restarting = store.runDir(record.id()).resolve("restarting");
        boolean again = RestartPolicy.restarts(record.spec().restart(), status.exitCode(), record.restartCount(),
                record.stoppedByUser());
        if (!again) {
            restartAt.remove(record.id());
            if (released.add(record.id())) {
                try {
                    Files.deleteIfExists(restarting);
                } catch (java.io.IOException ignored) {
                    // the run dir is gone: nothing to clear
                }
                containers.finish(record, false);
                events.append("die", record.id(), Map.of("name", record.name(), "exitCode",
                        Integer.toString(status.exitCode()), ComposeLabels.PROJECT, project));
                if (SupervisorLauncher.autoRemoved(record)) {
                    // run -d --rm: nobody waits for it, so its end is ours to clean up, anonymous volumes too
                    containers.remove(record.id(), true, true);
                }
            }
            return false;
        }
        Instant now = Instant.now();
        Instant due = restartAt.get(record.id());
        if (due == null) {
            Duration lastRun = record.started().map(s -> Duration.between(s, status.finishedAt().orElse(now)))
                    .orElse(Duration.ZERO);
            restartAt.put(record.id(), now.plus(RestartPolicy.delay(record.restartCount(), lastRun)));
            events.append("die", record.id(), Map.of("name", record.name(), "exitCode",
                    Integer.toString(status.exitCode()), ComposeLabels.PROJECT, project));
            // recorded (exit code, mount released) before it shows as restarting
            containers.finish(record, false);
            try {
                Files.createDirectories(restarting.getParent());
                Files.writeString(restarting, Integer.toString(status.exitCode()));
            } catch (java.io.IOException ignored) {
                // only the RESTARTING state shown meanwhile depends on it
            }
            return true;
        }
        if (now.isBefore(due)) {
            return true;
        }
        restartAt.remove(record.id());
        try {
            containers.launch(store.get(record.id()), false);
            events.append("restart", record.id(), Map.of("name", record.name(), ComposeLabels.PROJECT, project));
        } catch (RuntimeException e) {
            // the next exit (or this failure, seen as an exit) schedules the next attempt with a longer delay
            System.err.println(Instant.now() + " restart of " + record.name() + " failed: " + e.getMessage());
        }
        return true;
    }

    private void watchHealth(ContainerRecord record, ContainerStatus status,
                             java.util.concurrent.ExecutorService executor) {
        Instant started = record.started().orElse(Instant.now());
        HealthTracker tracker = health.get(record.id());
        if (tracker == null || !tracker.containerStarted().equals(started)) {
            Optional<HealthProbe> probe = images.find(record.imageId())
                    .flatMap(image -> HealthProbe.of(record.spec().healthcheck(), image.config()));
            if (probe.isEmpty()) {
                return;
            }
            tracker = new HealthTracker(probe.get(), store.runDir(record.id()), started);
            health.put(record.id(), tracker);
        }
        Future<?> running = checks.get(record.id());
        if (running != null && !running.isDone() || status.state() == ContainerState.PAUSED
                || !tracker.due(Instant.now())) {
            return;
        }
        HealthTracker t = tracker;
        checks.put(record.id(), executor.submit(() -> check(record, t)));
    }

    private void check(ContainerRecord record, HealthTracker tracker) {
        Instant start = Instant.now();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (var one = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> exec = one.submit(() -> containers.exec(record.id(), new ExecSpec(
                    tracker.probe().command(), Map.of(), Optional.empty(), Optional.empty(), false, false, false),
                    new StdStreams(Optional.empty(), output, output)));
            try {
                code = exec.get(tracker.probe().timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                exec.cancel(true);
                output.reset();
                output.writeBytes(("Health check exceeded timeout (" + tracker.probe().timeout().toSeconds()
                        + "s)").getBytes(StandardCharsets.UTF_8));
                code = -1;
            } catch (java.util.concurrent.ExecutionException e) {
                output.writeBytes(String.valueOf(e.getCause().getMessage()).getBytes(StandardCharsets.UTF_8));
                code = -1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String text = output.toString(StandardCharsets.UTF_8);
        Health changed = tracker.record(new HealthTracker.Result(start, Instant.now(), code,
                text.length() > 4096 ? text.substring(0, 4096) : text));
        if (changed != null) {
            Map<String, String> attrs = new HashMap<>(record.spec().labels());
            attrs.put("name", record.name());
            events.append("health_status: " + changed.name().toLowerCase(java.util.Locale.ROOT), record.id(),
                    attrs);
        }
    }

    static List<String> projectOf(ContainerRecord r) {
        return List.of(r.spec().labels().getOrDefault(ComposeLabels.PROJECT, SupervisorLauncher.NO_PROJECT));
    }
}
