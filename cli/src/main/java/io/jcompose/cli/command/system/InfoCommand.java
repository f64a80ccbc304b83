package io.jcompose.cli.command.system;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.cli.command.EngineCommand;
import io.jcompose.cli.command.VersionCommand;
import io.jcompose.cli.command.objects.DockerJson;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStatus;
import io.jcompose.engine.linux.container.ContainerStore;
import io.jcompose.engine.linux.runtime.RuntimeProbe;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.EngineException;
import io.jcompose.planner.observed.ContainerState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jcompose info}: what {@code docker info} tells of a daemon, for the backend in use: with the built-in
 * runtime its containers, images, volumes, networks, storage, cgroups and OCI runtime; with a Docker daemon the
 * host's essentials (the daemon's own report is {@code docker info}).
 */
@Command(name = "info", sortOptions = false, description = "Display system-wide information")
public final class InfoCommand extends EngineCommand {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "table (default) or json")
    String format;

    @Override
    public Integer call() {
        boolean json = format != null && !format.isBlank() && !format.equals("table");
        if (json && !format.equals("json")) {
            throw new io.jcompose.cli.UsageException("unsupported format \"" + format
                    + "\": jcompose takes table or json");
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        try (Backend backend = openBackend()) {
            facts.put("Backend", backend.name());
            if (backend instanceof LinuxBackend linux) {
                linuxFacts(linux, facts);
            } else {
                facts.put("ServerVersion", VersionCommand.version());
                facts.put("DockerHost", console.env().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock"));
            }
        }
        HostSummary host = HostSummary.read();
        facts.put("KernelVersion", host.kernel());
        facts.put("OperatingSystem", host.operatingSystem());
        facts.put("OSType", "linux");
        facts.put("Architecture", host.architecture());
        facts.put("NCPU", host.cpus());
        facts.put("MemTotal", host.memoryBytes());
        facts.put("Name", host.hostname());
        if (json) {
            ObjectNode node = DockerJson.object();
            facts.forEach((k, v) -> node.putPOJO(k, v));
            console.out().println(DockerJson.line(node));
        } else {
            console.out().print(text(facts));
        }
        console.out().flush();
        return 0;
    }

    private void linuxFacts(LinuxBackend linux, Map<String, Object> facts) {
        ContainerStore store = linux.linuxContainers().store();
        int running = 0;
        int paused = 0;
        int stopped = 0;
        for (ContainerRecord r : store.list()) {
            ContainerState state = ContainerStatus.of(r, store).state();
            switch (state) {
                case RUNNING, RESTARTING -> running++;
                case PAUSED -> paused++;
                default -> stopped++;
            }
        }
        facts.put("Containers", running + paused + stopped);
        facts.put("ContainersRunning", running);
        facts.put("ContainersPaused", paused);
        facts.put("ContainersStopped", stopped);
        facts.put("Images", linux.imageStore().list().size());
        facts.put("Volumes", linux.volumeStore().list().size());
        facts.put("Networks", linux.linuxNetworks().list().size());
        facts.put("ServerVersion", VersionCommand.version());
        facts.put("Driver", "overlay");
        facts.put("CgroupDriver", "cgroupfs");
        facts.put("CgroupVersion", HostSummary.read().cgroupVersion());
        List<String> runtimes = new ArrayList<>();
        for (String candidate : List.of("crun", "runc")) {
            RuntimeProbe.find(candidate, console.env()).ifPresent(p -> runtimes.add(candidate));
        }
        facts.put("Runtimes", runtimes);
        String chosen;
        try {
            chosen = RuntimeProbe.choose(linux.layout(), console.env()).name();
        } catch (EngineException e) {
            chosen = "none (" + e.getMessage() + ")";
        }
        facts.put("DefaultRuntime", chosen);
        facts.put("JcomposeRootDir", linux.layout().root().toString());
    }

    /** The facts laid out as {@code docker info} lays out its Server section. */
    static String text(Map<String, Object> f) {
        StringBuilder out = new StringBuilder("Server:\n");
        line(out, 1, "Backend", f.get("Backend"));
        if (f.containsKey("Containers")) {
            line(out, 1, "Containers", f.get("Containers"));
            line(out, 2, "Running", f.get("ContainersRunning"));
            line(out, 2, "Paused", f.get("ContainersPaused"));
            line(out, 2, "Stopped", f.get("ContainersStopped"));
            line(out, 1, "Images", f.get("Images"));
            line(out, 1, "Volumes", f.get("Volumes"));
            line(out, 1, "Networks", f.get("Networks"));
        }
        line(out, 1, "Server Version", f.get("ServerVersion"));
        if (f.containsKey("Driver")) {
            line(out, 1, "Storage Driver", f.get("Driver"));
            line(out, 1, "Cgroup Driver", f.get("CgroupDriver"));
            line(out, 1, "Cgroup Version", f.get("CgroupVersion"));
            line(out, 1, "Runtimes", String.join(" ", castList(f.get("Runtimes"))));
            line(out, 1, "Default Runtime", f.get("DefaultRuntime"));
        }
        if (f.containsKey("DockerHost")) {
            line(out, 1, "Docker Host", f.get("DockerHost"));
        }
        line(out, 1, "Kernel Version", f.get("KernelVersion"));
        line(out, 1, "Operating System", f.get("OperatingSystem"));
        line(out, 1, "OSType", f.get("OSType"));
        line(out, 1, "Architecture", f.get("Architecture"));
        line(out, 1, "CPUs", f.get("NCPU"));
        line(out, 1, "Total Memory", HostSummary.binarySize((Long) f.get("MemTotal")));
        line(out, 1, "Name", f.get("Name"));
        if (f.containsKey("JcomposeRootDir")) {
            line(out, 1, "Jcompose Root Dir", f.get("JcomposeRootDir"));
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    private static void line(StringBuilder out, int depth, String key, Object value) {
        out.append(" ".repeat(depth)).append(key).append(": ").append(value).append('\n');
    }
}
