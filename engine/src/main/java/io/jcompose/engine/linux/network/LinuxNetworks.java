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
 * Networks of the built-in runtime as records (name, id, driver, labels, options), so that compose projects can
 * declare them and {@code ls}/{@code down} find them. Containers cannot join them yet: that needs bridges, veths and
 * name resolution, which come next; until then a container that asks for a network is refused with a clear message.
 */
public final class LinuxNetworks implements NetworkOps {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StoreLayout layout;
    private final Function<String, List<String>> attached;

    /** {@code attached} gives the containers joined to a network, by network name. */
    public LinuxNetworks(StoreLayout layout, Function<String, List<String>> attached) {
        this.layout = layout;
        this.attached = attached;
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
        try {
            Files.createDirectories(layout.networks());
            Files.write(file(spec.name()), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create network " + spec.name(), e);
        }
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
