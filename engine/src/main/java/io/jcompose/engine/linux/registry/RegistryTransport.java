package io.jcompose.engine.linux.registry;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends requests to registries: answers authentication challenges (through {@link RegistryAuthenticator}), follows
 * redirects of blob downloads without taking the {@code Authorization} header to another host, watches bodies for
 * stalls, and retries transient failures with exponential backoff. Everything of this package that talks HTTP goes
 * through here.
 */
final class RegistryTransport implements AutoCloseable {

    static final String USER_AGENT = "jcompose";
    private static final int MAX_REDIRECTS = 10;

    /** One request: what to send and whether redirects are followed (downloads: yes; uploads: no). */
    record Call(String method, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body,
                boolean followRedirects, Duration timeout) {

        static Call get(URI uri, Map<String, String> headers, Duration timeout) {
            return new Call("GET", uri, headers, HttpRequest.BodyPublishers.noBody(), true, timeout);
        }
    }

    /** A step that may fail with I/O and can be repeated from its start. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException;
    }

    private final HttpClient http;
    private final RegistryAuthenticator authenticator;
    private final ReadWatchdog watchdog;
    private final Retry retry;
    private final Duration readTimeout;

    RegistryTransport(RegistrySettings settings) {
        // redirects are followed by hand: the JDK would carry our Authorization header to the storage host
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = settings.readTimeout();
        this.authenticator = new RegistryAuthenticator(http, settings.dockerConfig(), readTimeout);
        this.watchdog = new ReadWatchdog(readTimeout);
        RegistrySettings.Retries r = settings.retries();
        this.retry = Retry.of("registry", RetryConfig.custom()
                .maxAttempts(r.attempts())
                .retryOnException(RegistryTransport::isTransient)
                .intervalBiFunction((IntervalBiFunction<Object>) (attempt, outcome) -> waitMillis(r, attempt,
                        outcome.isLeft() ? outcome.getLeft() : null))
                .build());
    }

    Duration readTimeout() {
        return readTimeout;
    }

    /** Runs {@code attempt}, again from its start after a transient failure, up to the configured attempts. */
    <T> T retrying(Attempt<T> attempt) throws IOException {
        try {
            return Retry.decorateCheckedSupplier(retry, attempt::run).get();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /**
     * Sends {@code call} to the registry of {@code endpoint}, authorised for {@code scope}; the answer's body must be
     * read or closed. A {@code 401} is answered once; a second one is the authenticator's error.
     */
    RegistryResponse send(RegistryEndpoint endpoint, String scope, Call call) throws IOException {
        Optional<RegistryAuthenticator.Authorization> sent = authenticator.cached(endpoint, scope);
        RegistryResponse response = exchange(endpoint, call, sent);
        // a 401 from elsewhere (blob storage after a redirect, a foreign layer's host) is not the registry's to answer
        if (response.status() != 401 || !sameOrigin(response.uri(), endpoint.base())) {
            return response;
        }
        Optional<String> challenge = response.header("WWW-Authenticate");
        response.close();
        RegistryAuthenticator.Authorization answer = authenticator.answer(endpoint, scope, challenge, sent);
        response = exchange(endpoint, call, Optional.of(answer));
        if (response.status() == 401) {
            Optional<String> again = response.header("WWW-Authenticate");
            response.close();
            throw authenticator.refused(endpoint, scope, answer, again);
        }
        return response;
    }

    /**
     * Sends {@code call} answering a challenge with {@code credentials} given outright (not from the config file),
     * as {@code jcompose login} checks them; a second {@code 401} is their rejection.
     */
    RegistryResponse sendWithCredentials(RegistryEndpoint endpoint, Call call, RegistryCredentials credentials)
            throws IOException {
        RegistryResponse response = exchange(endpoint, call, Optional.empty());
        if (response.status() != 401 || !sameOrigin(response.uri(), endpoint.base())) {
            return response;
        }
        Optional<String> challenge = response.header("WWW-Authenticate");
        response.close();
        RegistryAuthenticator.Authorization answer = authenticator.login(endpoint, challenge, credentials);
        response = exchange(endpoint, call, Optional.of(answer));
        if (response.status() == 401) {
            response.close();
            throw authenticator.loginRejected(endpoint, credentials);
        }
        return response;
    }

    private RegistryResponse exchange(RegistryEndpoint endpoint, Call call,
                                      Optional<RegistryAuthenticator.Authorization> authorization)
            throws IOException {
        URI uri = call.uri();
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(call.timeout())
                    .method(call.method(), call.body())
                    .header("User-Agent", USER_AGENT);
            call.headers().forEach(request::header);
            if (authorization.isPresent() && sameOrigin(uri, endpoint.base())) {
                request.header("Authorization", authorization.get().header());
            }
            String what = "registry " + endpoint.registry() + " (" + call.method() + " " + withoutQuery(uri) + ")";
            HttpResponse<InputStream> r;
            try {
                r = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + what);
            } catch (IOException e) {
                throw RegistryTransferException.of(what, e);
            }
            Optional<String> location = r.headers().firstValue("Location");
            if (call.followRedirects() && isRedirect(r.statusCode()) && location.isPresent()) {
                r.body().close();
                if (hop >= MAX_REDIRECTS) {
                    throw new IOException(what + ": more than " + MAX_REDIRECTS + " redirects");
                }
                uri = uri.resolve(location.get());
                continue;
            }
            return new RegistryResponse(r.uri(), r.statusCode(), r.headers(), watchdog.watch(r.body(), what));
        }
    }

    @Override
    public void close() {
        watchdog.close();
        http.close();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Same scheme, host and port: credentials meant for the registry go nowhere else (not to blob storage). */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** Redirect targets carry signed query strings: not for messages. */
    private static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + Objects.requireNonNullElse(uri.getRawPath(), "");
    }

    static boolean isTransient(Throwable t) {
        return switch (t) {
            case RegistryTransferException e -> e.isTransient();
            case RegistryResponseException e -> e.isTransient();
            default -> false;
        };
    }

    /** Exponential backoff, or what the registry asked for with {@code Retry-After}, never beyond the maximum. */
    private static long waitMillis(RegistrySettings.Retries retries, int attempt, Throwable failure) {
        long max = retries.maxWait().toMillis();
        if (failure instanceof RegistryResponseException e && e.retryAfter().isPresent()) {
            return Math.min(max, e.retryAfter().get().toMillis());
        }
        double exponential = retries.firstWait().toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        return (long) Math.min(max, exponential);
    }
}
