package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Debian's {@code docker-registry} (distribution) on 127.0.0.1 and a free port, storing into a directory of the
 * test; Docker pushes to a loopback registry over plain HTTP without configuration. With a user, it asks for HTTP
 * basic authentication against an htpasswd file (bcrypt, the only hash distribution takes). {@link #close} stops it.
 */
final class LocalRegistry implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    final int port = ProjectRun.freePort();
    private final Process process;

    LocalRegistry(Path dir) throws IOException, InterruptedException {
        this(dir, Optional.empty());
    }

    /** A registry that lets in only {@code user} with {@code password}. */
    static LocalRegistry withLogin(Path dir, String user, String password) throws IOException, InterruptedException {
        return new LocalRegistry(dir, Optional.of(user + ":" + password));
    }

    private LocalRegistry(Path dir, Optional<String> login) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: install it with scripts/install-packages.sh docker-registry (test.sh does)");
        }
        Path config = dir.resolve("registry.yml");
        Files.writeString(config, """
                version: 0.1
                log: {level: warn}
                storage:
                  filesystem: {rootdirectory: %s}
                  delete: {enabled: true}
                http: {addr: "127.0.0.1:%d"}
                """.formatted(dir.resolve("data"), port) + htpasswd(dir, login));
        process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        try {
            awaitUp();
        } catch (AssertionError | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The {@code auth} section for {@code user:password}, its htpasswd file written next to the config. */
    private static String htpasswd(Path dir, Optional<String> login) throws IOException {
        if (login.isEmpty()) {
            return "";
        }
        String user = login.get().substring(0, login.get().indexOf(':'));
        char[] password = login.get().substring(user.length() + 1).toCharArray();
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Path file = dir.resolve("htpasswd");
        // the "2y" variant and cost 10 are what htpasswd -B writes
        Files.writeString(file, user + ":" + OpenBSDBCrypt.generate("2y", password, salt, 10) + "\n");
        return """
                auth:
                  htpasswd: {realm: jcompose-e2e, path: %s}
                """.formatted(file);
    }

    private void awaitUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                int status = get("/v2/").statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        fail("the registry did not answer on 127.0.0.1:" + port + " (alive: " + process.isAlive() + ")");
    }

    /** GET a Registry API path, such as {@code /v2/NAME/tags/list}. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
