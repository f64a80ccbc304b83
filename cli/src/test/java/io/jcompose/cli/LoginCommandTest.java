package io.jcompose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code login} and {@code logout} against a registry that wants HTTP basic authentication, with no backend. */
class LoginCommandTest {

    @TempDir
    Path home;

    private HttpServer registry;
    private String server;
    private CliRunner cli;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String good = "Basic " + Base64.getEncoder().encodeToString("jc:s3cret".getBytes(StandardCharsets.UTF_8));
        registry.createContext("/v2/", exchange -> {
            boolean authorised = good.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!authorised) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
            }
            exchange.sendResponseHeaders(authorised ? 200 : 401, -1);
            exchange.close();
        });
        registry.start();
        server = "127.0.0.1:" + registry.getAddress().getPort();
        // JCOMPOSE_BACKEND names a backend that does not exist: login and logout must not need one
        cli = new CliRunner(home, Map.of("HOME", home.toString(), "JCOMPOSE_BACKEND", "nonexistent"));
    }

    @AfterEach
    void stopRegistry() {
        registry.stop(0);
    }

    private JsonNode config() throws IOException {
        return new ObjectMapper().readTree(home.resolve(".docker/config.json").toFile());
    }

    @Test
    void login_withThePasswordOnStdin_storesTheCredentials_logoutRemovesThem() throws IOException {
        CliRunner.Result login = cli.stdin("s3cret\n").run("login", server, "-u", "jc", "--password-stdin");
        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).isEqualTo("Login Succeeded\n");
        assertThat(login.err()).isEmpty();
        assertThat(config().path("auths").path(server).path("auth").asText())
                .isEqualTo(Base64.getEncoder().encodeToString("jc:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.getPosixFilePermissions(home.resolve(".docker/config.json")))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

        CliRunner.Result logout = cli.run("logout", server);
        assertThat(logout.exitCode()).isZero();
        assertThat(logout.out()).isEqualTo("Removing login credentials for " + server + "\n");
        assertThat(config().path("auths").has(server)).isFalse();

        CliRunner.Result again = cli.run("logout", server);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("Not logged in to " + server + "\n");
    }

    @Test
    void login_withPasswordOnTheCommandLine_warns() throws IOException {
        CliRunner.Result login = cli.run("login", server, "-u", "jc", "-p", "s3cret");
        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.err()).isEqualTo("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n");
        assertThat(config().path("auths").has(server)).isTrue();
    }

    @Test
    void login_honoursDockerConfig_andKeepsTheFilesOtherKeys() throws IOException {
        Path dir = Files.createDirectories(home.resolve("elsewhere"));
        Files.writeString(dir.resolve("config.json"), "{\"psFormat\":\"table\",\"auths\":{\"other:5000\":{}}}");
        CliRunner withDockerConfig = new CliRunner(home, Map.of("HOME", home.toString(),
                "DOCKER_CONFIG", dir.toString())).stdin("s3cret");
        assertThat(withDockerConfig.run("login", server, "-u", "jc", "--password-stdin").exitCode()).isZero();
        JsonNode written = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
        assertThat(written.path("psFormat").asText()).isEqualTo("table");
        assertThat(written.path("auths").has("other:5000")).isTrue();
        assertThat(written.path("auths").has(server)).isTrue();
        assertThat(home.resolve(".docker")).doesNotExist();
    }

    @Test
    void login_withAWrongPassword_isOneLine_andStoresNothing() {
        CliRunner.Result login = cli.stdin("wrong").run("login", server, "-u", "jc", "--password-stdin");
        assertThat(login.exitCode()).isEqualTo(1);
        assertThat(login.out()).isEmpty();
        assertThat(login.err()).contains("rejected the user name or password of \"jc\"").doesNotContain("\tat ")
                .hasLineCount(1);
        assertThat(home.resolve(".docker/config.json")).doesNotExist();
    }

    @Test
    void badCommandLines_areOneLineUsageErrors() {
        for (String[] args : new String[][] {
                {"login", server, "--password-stdin"},
                {"login", server, "-u", "jc"},
                {"login", server, "-u", "jc", "-p", "x", "--password-stdin"},
        }) {
            CliRunner.Result r = cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.COMMAND_SYNTAX_FAILURE);
            assertThat(r.err()).as(String.join(" ", args)).hasLineCount(1);
        }
        assertThat(cli.run("login", server, "--password-stdin").err())
                .isEqualTo("Must provide --username with --password-stdin\n");
        assertThat(home.resolve(".docker/config.json")).doesNotExist();
    }
}
