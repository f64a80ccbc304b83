package io.jcompose.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.jcompose.engine.spi.EngineException;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs docker-java calls: retries transient failures with Resilience4j, then maps what is left through
 * {@link DockerErrors}. Every other class of this package talks to the daemon through here, so no call escapes
 * the mapping and no caller retries on its own.
 */
final class DockerCalls {

    /** Enough to ride out a dockerd restart (a few seconds) without hiding a daemon that is really down. */
    static final RetryConfig DEFAULT_RETRY = RetryConfig.custom()
            .maxAttempts(6)
            .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2.0))
            .retryOnException(DockerErrors::isTransient)
            .build();

    private final DockerClient client;
    private final String dockerHost;
    private final Retry retry;

    DockerCalls(DockerClient client, String dockerHost, RetryConfig retryConfig) {
        this.client = client;
        this.dockerHost = dockerHost;
        this.retry = Retry.of("docker", retryConfig);
    }

    String dockerHost() {
        return dockerHost;
    }

    /** A call whose result matters; retried when transient. */
    <T> T call(String what, Function<DockerClient, T> fn) {
        try {
            return Retry.decorateSupplier(retry, () -> fn.apply(client)).get();
        } catch (RuntimeException e) {
            throw DockerErrors.map(what, e, dockerHost);
        }
    }

    /** A call for its effect; "not modified" (already started, already stopped) counts as done. */
    void run(String what, Consumer<DockerClient> fn) {
        try {
            Retry.decorateRunnable(retry, () -> fn.accept(client)).run();
        } catch (RuntimeException e) {
            if (!DockerErrors.isNotModified(e)) {
                throw DockerErrors.map(what, e, dockerHost);
            }
        }
    }

    /** A lookup: not found is an empty answer rather than an error. */
    <T> Optional<T> find(String what, Function<DockerClient, T> fn) {
        try {
            return Optional.ofNullable(Retry.decorateSupplier(retry, () -> fn.apply(client)).get());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw DockerErrors.map(what, e, dockerHost);
        }
    }

    /**
     * A streaming call (logs, attach, exec, build, pull), not retried: part of its output may already be out, and
     * a replay would repeat it. {@code fn} may block until the stream ends.
     */
    <T> T stream(String what, StreamingCall<T> fn) {
        try {
            return fn.apply(client);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException(what + ": interrupted", e);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            if (DockerErrors.isNotModified(e)) {
                return null;
            }
            throw DockerErrors.map(what, e, dockerHost);
        }
    }

    /** A docker-java call that may wait for a stream to end. */
    @FunctionalInterface
    interface StreamingCall<T> {
        T apply(DockerClient client) throws InterruptedException;
    }
}
