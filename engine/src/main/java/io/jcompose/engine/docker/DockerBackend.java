package io.jcompose.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.resilience4j.retry.RetryConfig;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.BackendUnavailableException;
import io.jcompose.engine.spi.ContainerEvent;
import io.jcompose.engine.spi.ContainerOps;
import io.jcompose.engine.spi.ImageOps;
import io.jcompose.engine.spi.NetworkOps;
import io.jcompose.engine.spi.ProjectSummary;
import io.jcompose.engine.spi.VolumeOps;
import io.jcompose.planner.observed.ObservedState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code docker} backend: a Docker Engine reached through docker-java (zerodep transport) at {@code DOCKER_HOST},
 * by default {@code unix:///var/run/docker.sock}. No docker-java type leaves this package.
 */
public final class DockerBackend implements Backend {

    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private final DockerClient client;
    private final DockerCalls calls;
    private final DockerObserver observer;
    private final DockerEvents events;
    private final DockerContainers containers;
    private final DockerNetworks networks;
    private final DockerVolumes volumes;
    private final DockerImages images;

    private DockerBackend(DockerClient client, DockerCalls calls, boolean tls) {
        this.client = client;
        this.calls = calls;
        this.observer = new DockerObserver(calls);
        this.events = new DockerEvents(calls);
        // DockerClientImpl is what client() builds: its transport serves the one request docker-java has no command for
        DockerArchives archives = new DockerArchives(calls, ((DockerClientImpl) client).getHttpClient());
        this.containers = new DockerContainers(calls, HijackedStdin.forHost(calls.dockerHost(), tls), archives);
        this.networks = new DockerNetworks(calls);
        this.volumes = new DockerVolumes(calls);
        this.images = new DockerImages(calls);
    }

    /**
     * Connects to the daemon that {@code env} points at ({@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY},
     * {@code DOCKER_CERT_PATH}) and checks that it answers, so that a daemon that is not running is reported once,
     * up front, in one line.
     */
    public static DockerBackend connect(Map<String, String> env) {
        return connect(env, DockerCalls.DEFAULT_RETRY);
    }

    static DockerBackend connect(Map<String, String> env, RetryConfig retry) {
        String host = env.getOrDefault("DOCKER_HOST", "").isBlank() ? DEFAULT_HOST : env.get("DOCKER_HOST").strip();
        DockerClient client = client(host, env);
        DockerCalls calls = new DockerCalls(client, host, retry);
        try {
            // not retried: a daemon that is down at the start should be reported now, not in a few seconds
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw DockerErrors.map("ping the Docker daemon", e, host);
        }
        return new DockerBackend(client, calls, tls(env));
    }

    private static DockerClient client(String host, Map<String, String> env) {
        try {
            DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(host)
                    .withDockerTlsVerify(tls(env));
            if (env.containsKey("DOCKER_CERT_PATH")) {
                builder.withDockerCertPath(env.get("DOCKER_CERT_PATH"));
            }
            DockerClientConfig config = builder.build();
            DockerHttpClient http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig()).maxConnections(64)
                    .connectionTimeout(Duration.ofSeconds(10)).build();
            return DockerClientImpl.getInstance(config, http);
        } catch (RuntimeException e) {
            throw new BackendUnavailableException("invalid DOCKER_HOST \"" + host + "\": " + e.getMessage()
                    + " (expected unix:///path/to/docker.sock or tcp://host:port)", e);
        }
    }

    /** As the Docker CLI reads it: set and not empty (nor {@code 0}) means verify. */
    private static boolean tls(Map<String, String> env) {
        String verify = env.getOrDefault("DOCKER_TLS_VERIFY", "");
        return !verify.isEmpty() && !verify.equals("0");
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public ObservedState observe(String project) {
        return observer.observe(project);
    }

    @Override
    public List<ProjectSummary> projects(boolean all) {
        return observer.projects(all);
    }

    @Override
    public void events(String project, Optional<Instant> since, Optional<Instant> until,
                       Consumer<ContainerEvent> sink) {
        events.stream(project, since, until, sink);
    }

    @Override
    public ContainerOps containers() {
        return containers;
    }

    @Override
    public NetworkOps networks() {
        return networks;
    }

    @Override
    public VolumeOps volumes() {
        return volumes;
    }

    @Override
    public ImageOps images() {
        return images;
    }

    /** The daemon's version and API version, for {@code version} and for error reports. */
    public String daemonVersion() {
        var v = calls.call("ask the Docker daemon its version", c -> c.versionCmd().exec());
        return v.getVersion() + " (API " + v.getApiVersion() + ")";
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // nothing is left to do with a client that does not close
        }
    }
}
