package io.jcompose.engine.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to create one container, fully resolved from the model (names, labels, mounts, networks):
 * backends translate it and decide nothing.
 *
 * @param networks the networks to join, the first one at creation, the others right after; empty with a
 *                 {@code networkMode} such as {@code host}, {@code none}, {@code container:ID}
 */
public record ContainerSpec(String name, String image, Optional<List<String>> entrypoint,
                            Optional<List<String>> command, Map<String, String> environment,
                            Map<String, String> labels, Optional<String> hostname, Optional<String> domainname,
                            Optional<String> user, Optional<String> workingDir, boolean tty, boolean stdinOpen,
                            boolean privileged, boolean init, boolean readOnly, List<String> capAdd,
                            List<String> capDrop, Optional<String> stopSignal, Optional<Duration> stopTimeout,
                            RestartPolicy restart, Optional<HealthcheckSpec> healthcheck, List<PortSpec> ports,
                            List<String> expose, List<MountSpec> mounts, Optional<String> networkMode,
                            Map<String, EndpointSpec> networks, List<String> extraHosts, List<String> dns,
                            List<String> dnsSearch, List<String> dnsOptions, Optional<String> ipc,
                            Optional<String> pid, List<String> volumesFrom, List<String> links,
                            Resources resources, Map<String, String> sysctls, List<String> securityOpt,
                            Map<String, String> tmpfs, List<String> groupAdd, Optional<String> platform,
                            Optional<LoggingSpec> logging, List<String> devices, Map<String, Ulimit> ulimits) {

    /** The same container on other networks (a live connect or disconnect). */
    public ContainerSpec withNetworks(Map<String, EndpointSpec> newNetworks) {
        return new ContainerSpec(name, image, entrypoint, command, environment, labels, hostname, domainname, user,
                workingDir, tty, stdinOpen, privileged, init, readOnly, capAdd, capDrop, stopSignal, stopTimeout,
                restart, healthcheck, ports, expose, mounts, networkMode, newNetworks, extraHosts, dns, dnsSearch,
                dnsOptions, ipc, pid, volumesFrom, links, resources, sysctls, securityOpt, tmpfs, groupAdd, platform,
                logging, devices, ulimits);
    }

    /** {@code no}, {@code always}, {@code on-failure[:N]}, {@code unless-stopped}. */
    public record RestartPolicy(String name, int maxRetries) {
        public static final RestartPolicy NO = new RestartPolicy("no", 0);
    }

    /** A health check: {@code test} as compose writes it ({@code CMD}, {@code CMD-SHELL} or {@code NONE} first). */
    public record HealthcheckSpec(List<String> test, Optional<Duration> interval, Optional<Duration> timeout,
                                  Optional<Integer> retries, Optional<Duration> startPeriod,
                                  Optional<Duration> startInterval) {
    }

    /** A port: published on {@code hostIp}:{@code hostPort} (a range, or empty for any free port) when set. */
    public record PortSpec(int containerPort, String protocol, Optional<String> hostIp, Optional<String> hostPort) {
    }

    /** A mount: {@code bind}, {@code volume} (empty source: anonymous) or {@code tmpfs}. */
    public record MountSpec(String type, Optional<String> source, String target, boolean readOnly,
                            Optional<String> propagation, boolean noCopy, Optional<String> subpath,
                            Optional<Long> tmpfsSize, boolean createHostPath, Map<String, String> volumeLabels) {
    }

    /** Limits: memory in bytes, CPUs as a fraction, pids, shared memory size. */
    public record Resources(Optional<Long> memory, Optional<Long> memoryReservation, Optional<Double> cpus,
                            Optional<Long> cpuShares, Optional<String> cpuset, Optional<Long> pidsLimit,
                            Optional<Long> shmSize) {
        public static final Resources NONE = new Resources(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A log driver and its options. */
    public record LoggingSpec(String driver, Map<String, String> options) {
    }

    /** A resource limit. */
    public record Ulimit(long soft, long hard) {
    }
}
