package io.jcompose.engine.linux.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.NetworkOps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Networks of the built-in runtime: a record (name, id, driver, labels, options, and the bridge, subnet and
 * gateway chosen for it) next to the kernel's side that {@link NetworkPlumbing} sets up: a bridge, firewall rules,
 * NAT. Containers join them through {@link BridgeNetworking}.
 */
public final class LinuxNetworks implements NetworkOps {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StoreLayout layout;
    private final NetworkPlumbing plumbing;
    private final Function<String, List<String>> attached;
    private final java.util.function.Consumer<String> created;

    /**
     * {@code attached} gives the containers joined to a network, by network name; {@code created} hears of each new
     * network's owning project (its supervisor serves the network's names).
     */
    public LinuxNetworks(StoreLayout layout, NetworkPlumbing plumbing, Function<String, List<String>> attached,
                         java.util.function.Consumer<String> created) {
        this.layout = layout;
        this.plumbing = plumbing;
        this.attached = attached;
        this.created = created;
    }

    /** The project whose supervisor serves a network: its compose project, else the one of hand-made objects. */
    public static String owner(Map<String, String> labels) {
        return labels.getOrDefault("com.docker.compose.project", "_");
    }

    @Override
    public String create(NetworkSpec spec) {
        if (!NAME.matcher(spec.name()).matches()) {
            throw new IllegalArgumentException("invalid network name \"" + spec.name() + "\"");
        }
        String driver = spec.driver().filter(d -> !d.isBlank()).orElse("bridge");
        if (!driver.equals("bridge")) {
            throw new IllegalArgumentException("network " + spec.name() + ": driver \"" + driver + "\" is not"
                    + " available on the built-in runtime (only bridge)");
        }
        if (inspect(spec.name()).isPresent()) {
            throw new ConflictException("network with name " + spec.name() + " already exists");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        ObjectNode json = JSON.createObjectNode();
        json.put("id", id);
        json.put("name", spec.name());
        json.put("driver", driver);
        json.put("internal", spec.internal());
        json.put("createdAt", Instant.now().toString());
        ObjectNode labels = json.putObject("labels");
        spec.labels().forEach(labels::put);
        ObjectNode options = json.putObject("options");
        spec.driverOpts().forEach(options::put);
        var ipam = json.putArray("ipam");
        for (IpamConfig c : spec.ipam()) {
            ObjectNode n = ipam.addObject();
            c.subnet().ifPresent(s -> n.put("subnet", s));
            c.ipRange().ifPresent(s -> n.put("ipRange", s));
            c.gateway().ifPresent(s -> n.put("gateway", s));
        }
        BridgeNetwork bridge = plumbing.create(spec, id);
        json.put("bridge", bridge.bridge());
        json.put("subnet", bridge.subnet());
        json.put("gateway", bridge.gateway());
        json.put("mtu", bridge.mtu());
        try {
            Files.createDirectories(layout.networks());
            Files.write(file(spec.name()), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        } catch (IOException e) {
            plumbing.remove(bridge);
            throw new UncheckedIOException("cannot create network " + spec.name(), e);
        }
        created.accept(owner(spec.labels()));
        return id;
    }

    @Override
    public void remove(String name) {
        Optional<NetworkInfo> network = inspect(name);
        if (network.isEmpty()) {
            return;
        }
        List<String> users = attached.apply(network.get().name());
        if (!users.isEmpty()) {
            throw new ConflictException("error while removing network: network " + name + " id "
                    + network.get().id() + " has active endpoints (" + String.join(", ", users) + ")");
        }
        bridge(network.get().name()).ifPresent(plumbing::remove);
        try {
            Files.deleteIfExists(file(network.get().name()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove network " + name, e);
        }
    }

    @Override
    public Optional<NetworkInfo> inspect(String nameOrId) {
        for (NetworkInfo n : list()) {
            if (n.name().equals(nameOrId) || n.id().equals(nameOrId)
                    || nameOrId.length() >= 6 && n.id().startsWith(nameOrId)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** The kernel side of a network as recorded, when it has one. */
    public Optional<BridgeNetwork> bridge(String name) {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(f.toFile());
            if (!json.hasNonNull("bridge")) {
                return Optional.empty();
            }
            return Optional.of(new BridgeNetwork(json.path("name").asText(), json.path("id").asText(),
                    json.path("bridge").asText(), json.path("subnet").asText(), json.path("gateway").asText(),
                    json.path("internal").asBoolean(), json.path("mtu").asInt(1500)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What a network was created with beyond {@link NetworkInfo}, for {@code network inspect}. */
    public record Details(Optional<Instant> created, Map<String, String> options, List<IpamConfig> ipam,
                          boolean internal) {
    }

    /** The record's creation time, driver options, requested address ranges and internal flag. */
    public Optional<Details> details(String name) {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(f.toFile());
            Map<String, String> options = new LinkedHashMap<>();
            json.path("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
            List<IpamConfig> ipam = new ArrayList<>();
            for (JsonNode c : json.path("ipam")) {
                ipam.add(new IpamConfig(Optional.ofNullable(c.path("subnet").textValue()),
                        Optional.ofNullable(c.path("ipRange").textValue()),
                        Optional.ofNullable(c.path("gateway").textValue())));
            }
            Optional<Instant> created = Optional.ofNullable(json.path("createdAt").textValue()).map(Instant::parse);
            return Optional.of(new Details(created, options, ipam, json.path("internal").asBoolean()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The labels of a network record (empty when there is none). */
    public Map<String, String> labels(String name) {
        return inspect(name).map(NetworkInfo::labels).orElse(Map.of());
    }

    public List<NetworkInfo> list() {
        List<NetworkInfo> out = new ArrayList<>();
        if (!Files.isDirectory(layout.networks())) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.networks(), "*.json")) {
            for (Path f : files) {
                try {
                    JsonNode json = JSON.readTree(f.toFile());
                    Map<String, String> labels = new LinkedHashMap<>();
                    json.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                    String name = json.path("name").asText();
                    out.add(new NetworkInfo(json.path("id").asText(), name, json.path("driver").asText(), labels,
                            attached.apply(name)));
                } catch (IOException e) {
                    // a torn record: not a network
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private Path file(String name) {
        return layout.networks().resolve(name + ".json");
    }
}
