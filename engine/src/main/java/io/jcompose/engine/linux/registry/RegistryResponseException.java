package io.jcompose.engine.linux.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A registry answered with an error status. The distribution spec puts the reasons in a JSON {@code errors} array
 * ({@code {"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}}); they are kept for the message and for telling
 * "no such image" from other failures.
 */
final class RegistryResponseException extends IOException {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 64 * 1024;

    /** One entry of the registry's {@code errors} array. */
    record RegistryError(String code, String message) {
    }

    private final int status;
    private final List<RegistryError> errors;
    private final Optional<Duration> retryAfter;

    RegistryResponseException(String what, int status, List<RegistryError> errors, Optional<Duration> retryAfter) {
        super(what + ": " + describe(status, errors));
        this.status = status;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** Reads (a bounded part of) the error body of {@code response} and closes it. */
    static RegistryResponseException of(String what, RegistryResponse response) {
        List<RegistryError> errors = new ArrayList<>();
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_ERROR_BODY);
            JsonNode root = JSON.readTree(bytes);
            if (root != null) {
                for (JsonNode e : root.path("errors")) {
                    errors.add(new RegistryError(e.path("code").asText(""), e.path("message").asText("")));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON (a proxy's HTML page, a cut connection): the status has to speak for itself
        }
        return new RegistryResponseException(what, response.status(), errors,
                response.header("Retry-After").flatMap(RegistryResponseException::retryAfter));
    }

    int status() {
        return status;
    }

    List<RegistryError> errors() {
        return errors;
    }

    /** How long the registry asked us to wait (429 and 503 may say so). */
    Optional<Duration> retryAfter() {
        return retryAfter;
    }

    boolean hasCode(String code) {
        return errors.stream().anyMatch(e -> e.code().equalsIgnoreCase(code));
    }

    /** Worth another attempt: the registry is overloaded or failing, not refusing us. */
    boolean isTransient() {
        return status >= 500 || status == 429;
    }

    private static String describe(int status, List<RegistryError> errors) {
        if (errors.isEmpty()) {
            return "HTTP " + status;
        }
        return "HTTP " + status + " " + String.join("; ", errors.stream()
                .map(e -> e.message().isEmpty() ? e.code() : e.message()).toList());
    }

    /** {@code Retry-After} is seconds or an HTTP date. */
    private static Optional<Duration> retryAfter(String value) {
        String v = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException notDate) {
                return Optional.empty();
            }
        }
    }
}
