package io.jcompose.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.jcompose.engine.spi.BackendUnavailableException;
import io.jcompose.engine.spi.EngineException;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The one place that turns docker-java's failures into the SPI's exceptions, and decides which are worth a retry.
 * Status codes map as docker-java raises them: 404 to not found, 409 to conflict; 304 (not modified) is a success
 * that callers never see as an exception; an I/O failure below HTTP means the daemon cannot be reached.
 */
final class DockerErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * 500s that restate a user error, so a retry would only delay the message: a taken port, a missing executable,
     * an image a registry does not have or cannot be reached for.
     */
    private static final List<String> PERMANENT_500 = List.of("port is already allocated", "address already in use",
            "oci runtime", "executable file not found", "no such", "not found", "manifest unknown",
            "pull access denied", "dial tcp", "lookup ", "invalid", "unauthorized", "denied");

    private DockerErrors() {
    }

    /** Whether {@code e} is the daemon's way of saying "nothing to do" (already started, already stopped). */
    static boolean isNotModified(Throwable e) {
        return e instanceof NotModifiedException;
    }

    /** Connection refused while dockerd restarts, an I/O timeout, a 5xx that is not a user error; never a 4xx. */
    static boolean isTransient(Throwable e) {
        return switch (e) {
            case DockerException d when d.getHttpStatus() >= 500 -> d.getHttpStatus() != 500
                    || PERMANENT_500.stream().noneMatch(daemonMessage(d).toLowerCase(Locale.ROOT)::contains);
            case DockerException d -> false;
            default -> ioFailure(e) != null;
        };
    }

    /** The SPI exception for {@code e}, failing to {@code what} ({@code "start container p-web-1"}). */
    static EngineException map(String what, RuntimeException e, String dockerHost) {
        return switch (e) {
            case EngineException already -> already;
            case NotFoundException n -> new io.jcompose.engine.spi.NotFoundException(text(what, n), n);
            case ConflictException c -> new io.jcompose.engine.spi.ConflictException(text(what, c), c);
            // networks answer 403 for "in use" (active endpoints) and "already attached"
            case DockerException d when d.getHttpStatus() == 403 ->
                    new io.jcompose.engine.spi.ConflictException(text(what, d), d);
            case DockerException d -> new RuntimeFailureException(text(what, d), d);
            case DockerClientException c -> new RuntimeFailureException(what + ": " + c.getMessage(), c);
            default -> ioFailure(e) != null ? unreachable(dockerHost, e)
                    : new RuntimeFailureException(what + ": " + e.getMessage(), e);
        };
    }

    /** One line naming DOCKER_HOST and how to start the daemon. */
    static BackendUnavailableException unreachable(String dockerHost, Throwable cause) {
        IOException io = ioFailure(cause);
        String reason = io == null || io.getMessage() == null ? "" : ": " + io.getMessage().strip();
        String source = dockerHost.equals(DockerBackend.DEFAULT_HOST) ? "the default when DOCKER_HOST is not set"
                : "from DOCKER_HOST";
        return new BackendUnavailableException("cannot connect to the Docker daemon at " + dockerHost + " (" + source
                + ")" + reason + "; is dockerd running? start it with 'sudo dockerd &' or 'sudo systemctl start"
                + " docker', or set DOCKER_HOST to a daemon that runs", cause);
    }

    /** The daemon's own message: the {@code message} field of its JSON error body, else the body as it came. */
    static String daemonMessage(DockerException e) {
        String body = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^Status \\d+: ", "").strip();
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText().strip();
            }
        } catch (IOException | RuntimeException notJson) {
            // the daemon answered in plain text, which is already the message
        }
        return body;
    }

    private static String text(String what, DockerException e) {
        return what + ": " + daemonMessage(e);
    }

    /**
     * The I/O failure under {@code e}, if {@code e} is one (docker-java wraps them in plain RuntimeExceptions): the
     * innermost, whose message is the most precise ("Connection refused", "No such file or directory").
     */
    private static IOException ioFailure(Throwable e) {
        IOException found = null;
        for (Throwable t = e; t != null && !(t instanceof DockerException); t = t.getCause()) {
            if (t instanceof IOException io) {
                found = io;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return found;
    }
}
