package io.jcompose.cli.command.container;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.command.objects.KeyValues;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.EndpointSpec;
import io.jcompose.model.validate.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The flags {@code docker run} and {@code docker create} share, and the {@link ContainerSpec} they make: a container
 * of no compose project (no compose labels), on Docker's default {@code bridge} network unless told otherwise.
 */
final class RunFlags {

    /** Docker's default network, which every Docker host has and the built-in runtime makes on first use. */
    static final String DEFAULT_NETWORK = "bridge";

    @Option(names = "--name", paramLabel = "NAME", description = "Assign a name to the container")
    String name;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VAL", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VAL", description = "Set meta data on a container")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-p", "--publish"}, paramLabel = "PORT", description = "Publish a container's port(s) to the host")
    List<String> publish = new ArrayList<>();

    @Option(names = {"-P", "--publish-all"}, description = "Publish all exposed ports to random ports")
    boolean publishAll;

    @Option(names = "--expose", paramLabel = "PORT", description = "Expose a port or a range of ports")
    List<String> expose = new ArrayList<>();

    @Option(names = {"-v", "--volume"}, paramLabel = "VOLUME", description = "Bind mount a volume")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--mount", paramLabel = "MOUNT", description = "Attach a filesystem mount to the container")
    List<String> mounts = new ArrayList<>();

    @Option(names = "--tmpfs", paramLabel = "PATH[:OPTS]", description = "Mount a tmpfs directory")
    List<String> tmpfs = new ArrayList<>();

    @Option(names = {"--network", "--net"}, paramLabel = "NETWORK", description = "Connect a container to a network")
    String network;

    @Option(names = {"--network-alias", "--net-alias"}, paramLabel = "ALIAS",
            description = "Add network-scoped alias for the container")
    List<String> networkAliases = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "IPV4", description = "IPv4 address (e.g., 172.30.100.104)")
    String ip;

    @Option(names = "--hostname", paramLabel = "NAME", description = "Container host name")
    String hostname;

    @Option(names = "--add-host", paramLabel = "HOST:IP", description = "Add a custom host-to-IP mapping")
    List<String> addHosts = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "IP", description = "Set custom DNS servers")
    List<String> dns = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER",
            description = "Username or UID (format: <name|uid>[:<group|gid>])")
    String user;

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Overwrite the default ENTRYPOINT of the image")
    String entrypoint;

    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
    boolean tty;

    @Option(names = "--restart", paramLabel = "POLICY", description = "Restart policy to apply when a container exits"
            + " (no, always, unless-stopped, on-failure[:max-retries])")
    String restart = "no";

    @Option(names = "--health-cmd", paramLabel = "CMD", description = "Command to run to check health")
    String healthCmd;

    @Option(names = "--health-interval", paramLabel = "DURATION", description = "Time between running the check")
    String healthInterval;

    @Option(names = "--health-timeout", paramLabel = "DURATION", description = "Maximum time to allow one check to run")
    String healthTimeout;

    @Option(names = "--health-retries", paramLabel = "N",
            description = "Consecutive failures needed to report unhealthy")
    Integer healthRetries;

    @Option(names = "--health-start-period", paramLabel = "DURATION",
            description = "Start period for the container to initialize before counting retries")
    String healthStartPeriod;

    @Option(names = "--health-start-interval", paramLabel = "DURATION",
            description = "Time between running the check during the start period")
    String healthStartInterval;

    @Option(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK")
    boolean noHealthcheck;

    @Option(names = {"-m", "--memory"}, paramLabel = "BYTES", description = "Memory limit")
    String memory;

    @Option(names = "--memory-reservation", paramLabel = "BYTES", description = "Memory soft limit")
    String memoryReservation;

    @Option(names = "--cpus", paramLabel = "N", description = "Number of CPUs")
    Double cpus;

    @Option(names = {"-c", "--cpu-shares"}, paramLabel = "N", description = "CPU shares (relative weight)")
    Long cpuShares;

    @Option(names = "--cpuset-cpus", paramLabel = "CPUS", description = "CPUs in which to allow execution (0-3, 0,1)")
    String cpuset;

    @Option(names = "--pids-limit", paramLabel = "N", description = "Tune container pids limit (-1 for unlimited)")
    Long pidsLimit;

    @Option(names = "--shm-size", paramLabel = "BYTES", description = "Size of /dev/shm")
    String shmSize;

    @Option(names = "--privileged", description = "Give extended privileges to this container")
    boolean privileged;

    @Option(names = "--init",
            description = "Run an init inside the container that forwards signals and reaps processes")
    boolean init;

    @Option(names = "--read-only", description = "Mount the container's root filesystem as read only")
    boolean readOnly;

    @Option(names = "--cap-add", paramLabel = "CAP", description = "Add Linux capabilities")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", paramLabel = "CAP", description = "Drop Linux capabilities")
    List<String> capDrop = new ArrayList<>();

    @Option(names = "--stop-signal", paramLabel = "SIGNAL", description = "Signal to stop the container")
    String stopSignal;

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", description = "Timeout (in seconds) to stop a container")
    Integer stopTimeout;

    @Option(names = "--pull", paramLabel = "POLICY", description = "Pull image before running (always, missing, never)")
    String pull = "missing";

    @Option(names = "--platform", paramLabel = "PLATFORM",
            description = "Set platform if server is multi-platform capable")
    String platform;

    /** The name asked for, else a new random one. */
    String nameOrRandom() {
        return name != null ? name : ContainerNames.random();
    }

    /** The network to join, or the network mode ({@code host}, {@code none}, {@code container:X}) when it is one. */
    String networkName() {
        return network == null || network.equals("default") ? DEFAULT_NETWORK : network;
    }

    boolean isNetworkMode() {
        String n = networkName();
        return n.equals("host") || n.equals("none") || n.startsWith("container:");
    }

    /**
     * The spec of the container. {@code imagePorts} are the image's exposed ports, published on free ports with
     * {@code -P}; {@code own} is jcompose's environment, for bare {@code -e KEY}. {@code envFiles} are the
     * {@code --env-file} flags: jcompose's global option of that name, which after {@code container run} means
     * docker's.
     */
    ContainerSpec spec(String containerName, String image, List<String> command, List<String> imagePorts,
                       List<String> envFiles, Map<String, String> own, Path cwd) {
        List<ContainerSpec.PortSpec> ports = new ArrayList<>(PortFlags.parse(publish));
        if (publishAll) {
            List<String> all = new ArrayList<>(imagePorts);
            all.addAll(expose);
            for (String port : all) {
                ContainerSpec.PortSpec p = PortFlags.exposed(port);
                if (ports.stream().noneMatch(q -> q.containerPort() == p.containerPort()
                        && q.protocol().equals(p.protocol()))) {
                    ports.add(p);
                }
            }
        }
        List<ContainerSpec.MountSpec> allMounts = new ArrayList<>();
        volumes.forEach(v -> allMounts.add(MountFlags.volume(v, cwd)));
        mounts.forEach(m -> allMounts.add(MountFlags.mount(m, cwd)));
        Map<String, String> tmpfsMap = new LinkedHashMap<>();
        for (String t : tmpfs) {
            int colon = t.indexOf(':');
            tmpfsMap.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
        }
        Optional<String> mode = isNetworkMode() ? Optional.of(networkName()) : Optional.empty();
        Map<String, EndpointSpec> networks = new LinkedHashMap<>();
        if (mode.isEmpty()) {
            // Docker's default bridge resolves no names; on user networks the aliases asked for are added
            List<String> aliases = networkName().equals(DEFAULT_NETWORK) ? List.of() : networkAliases;
            networks.put(networkName(), new EndpointSpec(aliases, Optional.ofNullable(ip), Optional.empty(),
                    Optional.empty()));
        } else if (!publish.isEmpty() && !networkName().equals("host")) {
            throw new UsageException("conflicting options: port publishing and the container type network mode");
        }
        return new ContainerSpec(containerName, image,
                entrypoint == null ? Optional.empty() : Optional.of(entrypoint.isEmpty() ? List.of()
                        : List.of(entrypoint)),
                command.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(command)),
                EnvFlags.of(envFiles, env, own, cwd), KeyValues.parse(labels, "--label"), Optional.ofNullable(hostname),
                Optional.empty(), Optional.ofNullable(user), Optional.ofNullable(workdir), tty, interactive,
                privileged, init, readOnly, capAdd, capDrop, Optional.ofNullable(stopSignal),
                Optional.ofNullable(stopTimeout).map(Duration::ofSeconds), restartPolicy(), healthcheck(), ports,
                expose, allMounts, mode, networks, addHosts, dns, List.of(), List.of(), Optional.empty(),
                Optional.empty(), List.of(), List.of(), resources(), Map.of(), List.of(), tmpfsMap, List.of(),
                Optional.ofNullable(platform), Optional.empty(), List.of(), Map.of());
    }

    ContainerSpec.RestartPolicy restartPolicy() {
        String[] parts = restart.split(":", 2);
        return switch (parts[0]) {
            case "no", "" -> ContainerSpec.RestartPolicy.NO;
            case "always", "unless-stopped" -> {
                if (parts.length > 1) {
                    throw new UsageException("invalid restart policy: maximum retry count can only be used with"
                            + " 'on-failure'");
                }
                yield new ContainerSpec.RestartPolicy(parts[0], 0);
            }
            case "on-failure" -> {
                try {
                    yield new ContainerSpec.RestartPolicy("on-failure", parts.length > 1
                            ? Integer.parseInt(parts[1]) : 0);
                } catch (NumberFormatException e) {
                    throw new UsageException("invalid restart policy: maximum retry count must be an integer");
                }
            }
            default -> throw new UsageException("invalid restart policy: unknown policy '" + parts[0]
                    + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
        };
    }

    private Optional<ContainerSpec.HealthcheckSpec> healthcheck() {
        boolean any = healthCmd != null || healthInterval != null || healthTimeout != null || healthRetries != null
                || healthStartPeriod != null || healthStartInterval != null;
        if (noHealthcheck) {
            if (any) {
                throw new UsageException("--no-healthcheck conflicts with --health-* options");
            }
            return Optional.of(new ContainerSpec.HealthcheckSpec(List.of("NONE"), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        }
        if (!any) {
            return Optional.empty();
        }
        if (healthRetries != null && healthRetries < 0) {
            throw new UsageException("--health-retries cannot be negative");
        }
        // the flags without --health-cmd tune the image's check; the test then comes from the image
        List<String> test = healthCmd == null ? List.of() : List.of("CMD-SHELL", healthCmd);
        return Optional.of(new ContainerSpec.HealthcheckSpec(test, duration(healthInterval, "--health-interval"),
                duration(healthTimeout, "--health-timeout"), Optional.ofNullable(healthRetries),
                duration(healthStartPeriod, "--health-start-period"),
                duration(healthStartInterval, "--health-start-interval")));
    }

    private ContainerSpec.Resources resources() {
        if (cpus != null && cpus <= 0) {
            throw new UsageException("invalid argument \"" + cpus + "\" for \"--cpus\" flag: must be positive");
        }
        Optional<Long> mem = Optional.ofNullable(memory).map(Sizes::bytes);
        if (mem.filter(m -> m < 6 * 1024 * 1024).isPresent()) {
            throw new UsageException("Minimum memory limit allowed is 6MB");
        }
        return new ContainerSpec.Resources(mem, Optional.ofNullable(memoryReservation).map(Sizes::bytes),
                Optional.ofNullable(cpus), Optional.ofNullable(cpuShares), Optional.ofNullable(cpuset),
                Optional.ofNullable(pidsLimit).filter(p -> p > 0), Optional.ofNullable(shmSize).map(Sizes::bytes));
    }

    private static Optional<Duration> duration(String text, String flag) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(Durations.parse(text).orElseThrow(() -> new UsageException("invalid argument \"" + text
                + "\" for \"" + flag + "\" flag: time: invalid duration \"" + text + "\"")));
    }
}
