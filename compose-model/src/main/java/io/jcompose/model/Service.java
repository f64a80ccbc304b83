package io.jcompose.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One service of a project: its canonical attributes and typed views of the ones that drive orchestration. */
public record Service(String name, Attributes attributes) {

    public Optional<String> image() {
        return attributes.string("image");
    }

    public Optional<Build> build() {
        return attributes.object("build").map(Build::from);
    }

    public Optional<List<String>> command() {
        return attributes.has("command") ? Optional.of(attributes.strings("command")) : Optional.empty();
    }

    public Optional<List<String>> entrypoint() {
        return attributes.has("entrypoint") ? Optional.of(attributes.strings("entrypoint")) : Optional.empty();
    }

    /** Variables with a value; a variable left without one (not in the shell either) is not set at all. */
    public Map<String, String> environment() {
        return attributes.stringMap("environment");
    }

    public Map<String, String> labels() {
        return attributes.stringMap("labels");
    }

    public List<String> profiles() {
        return attributes.strings("profiles");
    }

    public List<PortMapping> ports() {
        return attributes.list("ports").stream().map(p -> PortMapping.from(new Attributes(Attributes.castMap(p))))
                .toList();
    }

    public List<ServiceVolume> volumes() {
        return attributes.list("volumes").stream()
                .map(v -> ServiceVolume.from(new Attributes(Attributes.castMap(v)))).toList();
    }

    public Map<String, DependsOn> dependsOn() {
        Map<String, DependsOn> out = new LinkedHashMap<>();
        attributes.objects("depends_on").forEach((name, dep) -> out.put(name, DependsOn.from(dep)));
        return out;
    }

    public Map<String, ServiceNetwork> networks() {
        Map<String, ServiceNetwork> out = new LinkedHashMap<>();
        attributes.objects("networks").forEach((name, net) -> out.put(name, ServiceNetwork.from(net)));
        return out;
    }

    public Optional<Healthcheck> healthcheck() {
        return attributes.object("healthcheck").map(Healthcheck::from);
    }

    public Optional<String> containerName() {
        return attributes.string("container_name");
    }

    public Optional<String> networkMode() {
        return attributes.string("network_mode");
    }

    public List<String> volumesFrom() {
        return attributes.strings("volumes_from");
    }

    public List<String> links() {
        return attributes.strings("links");
    }

    public Optional<String> ipc() {
        return attributes.string("ipc");
    }

    public Optional<String> pid() {
        return attributes.string("pid");
    }

    public Optional<String> restart() {
        return attributes.string("restart");
    }

    public Optional<String> pullPolicy() {
        return attributes.string("pull_policy");
    }

    /** How many containers: {@code scale}, else {@code deploy.replicas}, else 1. */
    public int replicas() {
        return attributes.number("scale")
                .or(() -> attributes.object("deploy").flatMap(d -> d.number("replicas")))
                .map(Long::intValue).orElse(1);
    }

    public Optional<String> stopSignal() {
        return attributes.string("stop_signal");
    }

    public Optional<Duration> stopGracePeriod() {
        return attributes.string("stop_grace_period").flatMap(io.jcompose.model.validate.Durations::parse);
    }

    /** The names of the services this one needs, from depends_on (canonical form already holds links etc.). */
    public List<String> dependencyNames() {
        return List.copyOf(dependsOn().keySet());
    }
}
