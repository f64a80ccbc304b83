package io.jcompose.engine.linux.network;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The set-up networks and their address allocations, one file per network ({@code networks/bridges/<name>.json}),
 * kept across reboots so that a container keeps its address when it restarts and a later process can undo what
 * this one set up. Files are replaced atomically; callers hold the store's network lock.
 */
final class AddressAllocations {

    /** A network, the range dynamic addresses come from (null: the whole subnet), and addresses by container id. */
    record NetworkState(BridgeNetwork network, String ipRange, Map<String, String> addresses) {
        NetworkState {
            addresses = new LinkedHashMap<>(addresses == null ? Map.of() : addresses);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;

    AddressAllocations(Path dir) {
        this.dir = dir;
    }

    Optional<NetworkState> read(String network) {
        Path file = file(network);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), NetworkState.class));
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    List<NetworkState> all() {
        List<NetworkState> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                read(name.substring(0, name.length() - ".json".length())).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    void write(NetworkState state) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
            try {
                Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
                Files.move(tmp, file(state.network().name()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state of network " + state.network().name(), e);
        }
    }

    void delete(String network) {
        try {
            Files.deleteIfExists(file(network));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The container's address on the network: {@code fixed} when given (free, in the subnet, not the gateway), else
     * the one it had (stable across restarts), else the lowest free one of the IP range.
     */
    String allocate(BridgeNetwork network, String containerId, Optional<String> fixed) {
        NetworkState state = read(network.name()).map(s -> new NetworkState(network, s.ipRange(), s.addresses()))
                .orElseGet(() -> new NetworkState(network, null, Map.of()));
        Subnet subnet = Subnet.parse(network.subnet());
        int gateway = Subnet.address(network.gateway());
        Set<Integer> used = new HashSet<>();
        state.addresses().forEach((id, ip) -> {
            if (!id.equals(containerId)) {
                used.add(Subnet.address(ip));
            }
        });
        int chosen;
        if (fixed.isPresent()) {
            chosen = Subnet.address(fixed.get());
            if (!subnet.isHost(chosen)) {
                throw new RuntimeFailureException("Invalid address " + fixed.get() + ": it does not belong to any of"
                        + " network " + network.name() + "'s subnets (" + network.subnet() + ")");
            }
            if (chosen == gateway || used.contains(chosen)) {
                throw new ConflictException("Address already in use: " + fixed.get() + " on network "
                        + network.name());
            }
        } else {
            String previous = state.addresses().get(containerId);
            if (previous != null && subnet.isHost(Subnet.address(previous))
                    && Subnet.address(previous) != gateway && !used.contains(Subnet.address(previous))) {
                return previous;
            }
            Subnet range = state.ipRange() == null ? subnet : Subnet.parse(state.ipRange());
            chosen = 0;
            boolean found = false;
            for (long a = Integer.toUnsignedLong(range.base()); a <= Integer.toUnsignedLong(range.last()); a++) {
                int candidate = (int) a;
                if (subnet.isHost(candidate) && candidate != gateway && !used.contains(candidate)) {
                    chosen = candidate;
                    found = true;
                    break;
                }
            }
            if (!found) {
                throw new RuntimeFailureException("no available IPv4 addresses on network " + network.name() + " ("
                        + (state.ipRange() == null ? network.subnet() : state.ipRange()) + ")");
            }
        }
        String address = Subnet.format(chosen);
        state.addresses().put(containerId, address);
        write(state);
        return address;
    }

    /** Forgets the container's addresses on every network. */
    void release(String containerId) {
        for (NetworkState state : all()) {
            if (state.addresses().remove(containerId) != null) {
                write(state);
            }
        }
    }

    private Path file(String network) {
        return dir.resolve(network + ".json");
    }
}
