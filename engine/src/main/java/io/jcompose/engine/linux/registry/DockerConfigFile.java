package io.jcompose.engine.linux.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.image.ImageName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's client config file ({@code ~/.docker/config.json}, or {@code $DOCKER_CONFIG/config.json}): where the
 * credentials of {@code docker login} are, so that a user logged in with Docker needs no second login. Only the
 * {@code auths} section is read and written; every other key of the file is kept as it was.
 */
public final class DockerConfigFile {

    /** The key Docker uses for Docker Hub, a relic of the v1 API. */
    public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Optional<Path> home;

    /** The file at {@code file}; {@code home} only shortens messages to {@code ~/…}. */
    public DockerConfigFile(Path file, Optional<Path> home) {
        this.file = file;
        this.home = home;
    }

    /** The file Docker would use: {@code $DOCKER_CONFIG/config.json}, else {@code $HOME/.docker/config.json}. */
    public static DockerConfigFile fromEnvironment(Map<String, String> env) {
        String homeDir = env.getOrDefault("HOME", System.getProperty("user.home", "/root"));
        Optional<Path> home = homeDir.isBlank() ? Optional.empty() : Optional.of(Path.of(homeDir));
        String dockerConfig = env.getOrDefault("DOCKER_CONFIG", "");
        Path dir = !dockerConfig.isBlank() ? Path.of(dockerConfig)
                : home.orElse(Path.of("/root")).resolve(".docker");
        return new DockerConfigFile(dir.resolve("config.json"), home);
    }

    public Path path() {
        return file;
    }

    /** The path as messages show it: {@code ~/.docker/config.json} when under the home directory. */
    public String displayPath() {
        return home.filter(file::startsWith).map(h -> "~/" + h.relativize(file)).orElse(file.toString());
    }

    /** What the file says about a registry's credentials. */
    public sealed interface Lookup permits Found, NotFound, InHelper {
    }

    /** Credentials stored in the file itself. */
    public record Found(RegistryCredentials credentials) implements Lookup {
    }

    /** The file has nothing for the registry: pull anonymously. */
    public record NotFound() implements Lookup {
    }

    /** The file hands the registry to a credential helper ({@code docker-credential-<helper>}), which we do not run. */
    public record InHelper(String helper) implements Lookup {
    }

    /**
     * Looks up {@code registry} ({@code host[:port]}, or {@code docker.io} for Docker Hub) the way Docker does: an
     * {@code auths} key matches when, stripped of scheme and path, it is the registry. A {@code credHelpers} entry
     * for it, or a {@code credsStore} together with an {@code auths} entry without secrets (what Docker Desktop
     * writes), means a helper holds them.
     */
    public Lookup lookup(String registry) throws IOException {
        JsonNode root = read();
        String wanted = normalise(registry);
        String helper = root.path("credHelpers").path(registry).asText("");
        if (helper.isEmpty() && wanted.equals(ImageName.DOCKER_HUB)) {
            for (String alias : List.of(DOCKER_HUB_KEY, "index.docker.io", "registry-1.docker.io")) {
                helper = root.path("credHelpers").path(alias).asText("");
                if (!helper.isEmpty()) {
                    break;
                }
            }
        }
        if (!helper.isEmpty()) {
            return new InHelper(helper);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("auths").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!normalise(entry.getKey()).equals(wanted)) {
                continue;
            }
            Optional<RegistryCredentials> credentials = credentials(entry.getKey(), entry.getValue());
            if (credentials.isPresent()) {
                return new Found(credentials.get());
            }
        }
        String store = root.path("credsStore").asText("");
        if (!store.isEmpty()) {
            for (Iterator<String> it = root.path("auths").fieldNames(); it.hasNext(); ) {
                if (normalise(it.next()).equals(wanted)) {
                    return new InHelper(store);
                }
            }
        }
        return new NotFound();
    }

    /** Stores credentials for {@code registry} in {@code auths}, replacing any it had; other keys stay as they were. */
    public void store(String registry, RegistryCredentials credentials) throws IOException {
        ObjectNode root = read();
        ObjectNode auths = root.path("auths") instanceof ObjectNode existing ? existing : root.putObject("auths");
        String key = keyFor(registry);
        removeMatching(auths, registry);
        auths.putObject(key).put("auth", credentials.configAuth());
        write(root);
    }

    /** Removes the credentials of {@code registry} from {@code auths}; returns whether there were any. */
    public boolean remove(String registry) throws IOException {
        ObjectNode root = read();
        if (!(root.path("auths") instanceof ObjectNode auths) || !removeMatching(auths, registry)) {
            return false;
        }
        write(root);
        return true;
    }

    private static boolean removeMatching(ObjectNode auths, String registry) {
        String wanted = normalise(registry);
        List<String> keys = auths.properties().stream().map(Map.Entry::getKey)
                .filter(k -> normalise(k).equals(wanted)).toList();
        keys.forEach(auths::remove);
        return !keys.isEmpty();
    }

    /** The {@code auths} key Docker writes: the v1 URL for Docker Hub, {@code host[:port]} for others. */
    static String keyFor(String registry) {
        return normalise(registry).equals(ImageName.DOCKER_HUB) ? DOCKER_HUB_KEY : normalise(registry);
    }

    /** {@code https://host:port/v1/} → {@code host:port}; Docker Hub's aliases → {@code docker.io}. */
    static String normalise(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "");
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        return switch (k) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> ImageName.DOCKER_HUB;
            default -> k;
        };
    }

    private Optional<RegistryCredentials> credentials(String key, JsonNode entry) throws IOException {
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IOException("the \"auth\" of \"" + key + "\" in " + displayPath() + " is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IOException("the \"auth\" of \"" + key + "\" in " + displayPath()
                        + " is not base64 of user:password");
            }
            return Optional.of(new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        String user = entry.path("username").asText("");
        if (!user.isEmpty()) {
            return Optional.of(new RegistryCredentials(user, entry.path("password").asText("")));
        }
        return Optional.empty();
    }

    private ObjectNode read() throws IOException {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(displayPath() + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            return JSON.createObjectNode();
        }
        if (!(root instanceof ObjectNode object)) {
            throw new IOException(displayPath() + " is not a JSON object");
        }
        return object;
    }

    /** Written next to the file and renamed over it, readable by the owner only: it holds secrets. */
    private void write(ObjectNode root) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "config-", ".json.tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's own protection has to do
            }
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
