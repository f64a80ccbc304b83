package io.jcompose.cli.command.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.network.Endpoint;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container in the shape of {@code docker inspect}'s objects, as far as jcompose knows it: what the SPI tells of
 * any backend, and on the built-in runtime the record's spec, mounts and network endpoints too.
 */
final class InspectJson {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Docker's zero time, for what has not happened yet. */
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private InspectJson() {
    }

    static ObjectNode of(ContainerInfo info, Optional<ContainerRecord> record) {
        ObjectNode c = JSON.createObjectNode();
        c.put("Id", info.id());
        c.put("Created", info.createdAt().map(Instant::toString).orElse(ZERO_TIME));
        c.put("Path", info.command().isEmpty() ? "" : info.command().getFirst());
        ArrayNode args = c.putArray("Args");
        info.command().stream().skip(1).forEach(args::add);
        c.set("State", state(info, record));
        c.put("Image", record.map(ContainerRecord::imageId).orElse(info.image()));
        c.put("Name", "/" + info.name());
        c.put("RestartCount", record.map(ContainerRecord::restartCount).orElse(0));
        record.ifPresent(r -> {
            c.set("HostConfig", hostConfig(r.spec()));
            c.set("Mounts", mounts(r));
        });
        c.set("Config", config(info, record.map(ContainerRecord::spec)));
        c.set("NetworkSettings", network(info, record));
        return c;
    }

    private static ObjectNode state(ContainerInfo info, Optional<ContainerRecord> record) {
        ObjectNode s = JSON.createObjectNode();
        s.put("Status", info.state().text());
        s.put("Running", info.state() == ContainerState.RUNNING || info.state() == ContainerState.PAUSED);
        s.put("Paused", info.state() == ContainerState.PAUSED);
        s.put("Restarting", info.state() == ContainerState.RESTARTING);
        s.put("OOMKilled", false);
        s.put("Dead", info.state() == ContainerState.DEAD);
        s.put("ExitCode", info.exitCode());
        s.put("Error", "");
        s.put("StartedAt", info.startedAt().map(Instant::toString).orElse(ZERO_TIME));
        s.put("FinishedAt", info.finishedAt().filter(f -> !info.state().isUp()).map(Instant::toString)
                .orElse(ZERO_TIME));
        if (info.health() != Health.NONE) {
            s.putObject("Health").put("Status", info.health().name().toLowerCase());
        }
        return s;
    }

    private static ObjectNode hostConfig(ContainerSpec spec) {
        ObjectNode h = JSON.createObjectNode();
        h.put("NetworkMode", spec.networkMode().orElse(spec.networks().keySet().stream().findFirst()
                .orElse("none")));
        ObjectNode bindings = h.putObject("PortBindings");
        for (ContainerSpec.PortSpec p : spec.ports()) {
            ArrayNode list = bindings.has(p.containerPort() + "/" + p.protocol())
                    ? (ArrayNode) bindings.get(p.containerPort() + "/" + p.protocol())
                    : bindings.putArray(p.containerPort() + "/" + p.protocol());
            list.addObject().put("HostIp", p.hostIp().orElse("")).put("HostPort", p.hostPort().orElse(""));
        }
        h.putObject("RestartPolicy").put("Name", spec.restart().name())
                .put("MaximumRetryCount", spec.restart().maxRetries());
        h.put("Memory", spec.resources().memory().orElse(0L));
        h.put("NanoCpus", spec.resources().cpus().map(c -> (long) (c * 1e9)).orElse(0L));
        h.put("CpuShares", spec.resources().cpuShares().orElse(0L));
        h.put("PidsLimit", spec.resources().pidsLimit().orElse(0L));
        h.put("Privileged", spec.privileged());
        h.put("ReadonlyRootfs", spec.readOnly());
        ArrayNode binds = h.putArray("Binds");
        spec.mounts().stream().filter(m -> m.source().isPresent() && !m.type().equals("tmpfs"))
                .forEach(m -> binds.add(m.source().get() + ":" + m.target() + (m.readOnly() ? ":ro" : "")));
        return h;
    }

    private static ArrayNode mounts(ContainerRecord r) {
        ArrayNode out = JSON.createArrayNode();
        for (ContainerRecord.ResolvedMount m : r.mounts()) {
            ObjectNode n = out.addObject();
            n.put("Type", m.spec().type());
            m.volume().ifPresent(v -> n.put("Name", v));
            n.put("Source", m.hostPath().orElse(""));
            n.put("Destination", m.spec().target());
            n.put("Mode", m.spec().readOnly() ? "ro" : "");
            n.put("RW", !m.spec().readOnly());
        }
        return out;
    }

    private static ObjectNode config(ContainerInfo info, Optional<ContainerSpec> spec) {
        ObjectNode c = JSON.createObjectNode();
        spec.ifPresent(s -> {
            c.put("Hostname", s.hostname().orElse(info.id().substring(0, Math.min(12, info.id().length()))));
            c.put("User", s.user().orElse(""));
            c.put("Tty", s.tty());
            c.put("OpenStdin", s.stdinOpen());
            ArrayNode env = c.putArray("Env");
            s.environment().forEach((k, v) -> env.add(k + "=" + v));
            s.command().ifPresent(cmd -> strings(c.putArray("Cmd"), cmd));
            s.entrypoint().ifPresent(e -> strings(c.putArray("Entrypoint"), e));
            c.put("WorkingDir", s.workingDir().orElse(""));
            s.healthcheck().ifPresent(h -> strings(c.putObject("Healthcheck").putArray("Test"), h.test()));
            ObjectNode exposed = c.putObject("ExposedPorts");
            s.ports().forEach(p -> exposed.putObject(p.containerPort() + "/" + p.protocol()));
            s.expose().forEach(p -> exposed.putObject(p.contains("/") ? p : p + "/tcp"));
        });
        c.put("Image", info.image());
        ObjectNode labels = c.putObject("Labels");
        info.labels().forEach(labels::put);
        return c;
    }

    private static ObjectNode network(ContainerInfo info, Optional<ContainerRecord> record) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode ports = n.putObject("Ports");
        for (ContainerInfo.PublishedPort p : info.ports()) {
            String key = p.containerPort() + "/" + p.protocol();
            if (p.hostPort().isEmpty()) {
                ports.putNull(key);
                continue;
            }
            ArrayNode list = ports.has(key) && ports.get(key).isArray() ? (ArrayNode) ports.get(key)
                    : ports.putArray(key);
            list.addObject().put("HostIp", p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp())
                    .put("HostPort", Integer.toString(p.hostPort().get()));
        }
        ObjectNode networks = n.putObject("Networks");
        record.ifPresent(r -> {
            boolean up = info.state().isUp();
            for (Map.Entry<String, io.jcompose.engine.spi.EndpointSpec> e : r.spec().networks().entrySet()) {
                ObjectNode net = networks.putObject(e.getKey());
                strings(net.putArray("Aliases"), e.getValue().aliases());
                Optional<Endpoint> endpoint = up ? r.endpoints().stream()
                        .filter(ep -> ep.network().equals(e.getKey())).findFirst() : Optional.empty();
                net.put("IPAddress", endpoint.map(Endpoint::ipv4).orElse(""));
                net.put("MacAddress", endpoint.map(Endpoint::mac).orElse(""));
            }
            r.endpoints().stream().findFirst().filter(ep -> up).ifPresent(ep -> n.put("IPAddress", ep.ipv4()));
        });
        return n;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
