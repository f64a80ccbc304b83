package io.jcompose.engine.linux.supervise;

import io.jcompose.engine.linux.LinuxHost;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.store.StoreLayout;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The supervisor process of one project: {@code SupervisorMain PROJECT ROOT RUN_ROOT}. Holds the project's
 * supervisor lock for its whole life (a second one leaves at once), writes its pid file, and runs the
 * {@link Supervisor} until the project needs no watching.
 */
public final class SupervisorMain {

    private SupervisorMain() {
    }

    public static void main(String[] args) throws Exception {
        String project = args[0];
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("JCOMPOSE_ROOT", args[1]);
        env.put("JCOMPOSE_RUN_ROOT", args[2]);
        StoreLayout layout = StoreLayout.fromEnvironment(env);
        Files.createDirectories(layout.supervisors());
        try (FileChannel channel = FileChannel.open(SupervisorLauncher.lockFile(layout, project),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return;
            }
            Path pid = SupervisorLauncher.pidFile(layout, project);
            LinuxBackend backend = LinuxHost.open(env);
            System.err.println(Instant.now() + " supervisor of " + project + " started");
            while (true) {
                Files.writeString(pid, Long.toString(ProcessHandle.current().pid()));
                Supervisor supervisor = new Supervisor(project, backend.linuxContainers(), backend.imageStore(),
                        backend.events(), backend.linuxNetworks());
                try {
                    supervisor.run();
                } catch (RuntimeException e) {
                    // whatever went wrong, the containers still need watching: start over with a fresh pass
                    System.err.println(Instant.now() + " supervisor pass failed: " + e);
                    Thread.sleep(1000);
                    continue;
                }
                // a command that saw our pid file just before we leave counts on us: look once more without it
                Files.deleteIfExists(pid);
                if (!supervisor.tick(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())) {
                    break;
                }
            }
            System.err.println(Instant.now() + " supervisor of " + project + " idle: exiting");
        }
    }
}
