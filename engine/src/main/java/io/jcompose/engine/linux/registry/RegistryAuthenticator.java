package io.jcompose.engine.linux.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers registries' {@code 401} challenges as Docker does: a bearer token fetched from the challenge's realm for
 * the repository scope (with the user's credentials when the config file has some, anonymously otherwise), or the
 * credentials themselves for {@code Basic}. Answers are cached per registry and scope for the client's life (tokens
 * until they expire), so parallel layer downloads do not each fetch a token.
 */
final class RegistryAuthenticator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TOKEN_BODY = 1 << 20;
    /** What the token spec says to assume when the token endpoint does not say how long a token lives. */
    private static final Duration DEFAULT_TOKEN_LIFE = Duration.ofSeconds(60);

    /** An {@code Authorization} header value, whether it carries the user's credentials, and until when it is good. */
    record Authorization(String header, boolean withCredentials, Instant expires) {
    }

    private final HttpClient http;
    private final DockerConfigFile config;
    private final Duration timeout;
    private final Map<String, Authorization> cache = new ConcurrentHashMap<>();

    RegistryAuthenticator(HttpClient http, DockerConfigFile config, Duration timeout) {
        this.http = http;
        this.config = config;
        this.timeout = timeout;
    }

    /** A header learned earlier for this registry and scope, to send up front. */
    Optional<Authorization> cached(RegistryEndpoint endpoint, String scope) {
        Authorization a = cache.get(key(endpoint, scope));
        return a != null && a.expires().isAfter(Instant.now().plusSeconds(5)) ? Optional.of(a) : Optional.empty();
    }

    /**
     * Answers the challenge of a {@code 401}. When another request refreshed the cached answer since {@code sent}
     * went out, that one is reused rather than fetching yet another token.
     */
    Authorization answer(RegistryEndpoint endpoint, String scope, Optional<String> challengeHeader,
                         Optional<Authorization> sent) throws IOException {
        Authorization current = cache.get(key(endpoint, scope));
        if (current != null && sent.map(s -> !s.header().equals(current.header())).orElse(true)
                && current.expires().isAfter(Instant.now())) {
            return current;
        }
        AuthChallenge challenge = challenge(endpoint, challengeHeader);
        DockerConfigFile.Lookup lookup = config.lookup(endpoint.registry());
        Optional<RegistryCredentials> credentials = lookup instanceof DockerConfigFile.Found(RegistryCredentials c)
                ? Optional.of(c) : Optional.empty();
        Authorization answer = switch (challenge) {
            case AuthChallenge.Basic basic -> new Authorization(credentials.orElseThrow(() ->
                    missingCredentials(endpoint, scope, lookup)).basicAuthorization(), true, Instant.MAX);
            case AuthChallenge.Bearer bearer -> token(endpoint, scope, bearer, credentials,
                    () -> credentials.isPresent() ? rejected(endpoint) : missingCredentials(endpoint, scope, lookup));
        };
        cache.put(key(endpoint, scope), answer);
        return answer;
    }

    /**
     * Answers a challenge with credentials given outright, as {@code jcompose login} checks them: neither looked up
     * nor cached, and a bearer token asked for no scope (Docker does the same), so that only the password is tested.
     */
    Authorization login(RegistryEndpoint endpoint, Optional<String> challengeHeader, RegistryCredentials credentials)
            throws IOException {
        return switch (challenge(endpoint, challengeHeader)) {
            case AuthChallenge.Basic basic -> new Authorization(credentials.basicAuthorization(), true, Instant.MAX);
            case AuthChallenge.Bearer bearer -> token(endpoint, "", bearer, Optional.of(credentials),
                    () -> loginRejected(endpoint, credentials));
        };
    }

    /** The error for credentials of {@code jcompose login} that the registry turned down. */
    RuntimeFailureException loginRejected(RegistryEndpoint endpoint, RegistryCredentials credentials) {
        return new RuntimeFailureException("unauthorized: registry " + endpoint.registry()
                + " rejected the user name or password of \"" + credentials.username() + "\" (check them; accounts "
                + "with two-factor authentication log in with an access token)");
    }

    /**
     * The error for a request that a fresh answer did not open. With credentials, a challenge saying
     * {@code insufficient_scope} means the account lacks the access (pushing to someone else's repository), not
     * that its password is wrong.
     */
    RuntimeFailureException refused(RegistryEndpoint endpoint, String scope, Authorization sent,
                                    Optional<String> challengeHeader) {
        cache.remove(key(endpoint, scope), sent);
        if (sent.withCredentials() && challengeHeader.filter(AuthChallenge::insufficientScope).isPresent()) {
            return denied(endpoint, scope, "insufficient_scope");
        }
        try {
            return sent.withCredentials() ? rejected(endpoint)
                    : missingCredentials(endpoint, scope, config.lookup(endpoint.registry()));
        } catch (IOException e) {
            return new RuntimeFailureException("unauthorized: " + e.getMessage(), e);
        }
    }

    /**
     * The error for an account that may not do what {@code scope} asks ({@code reason}: what the registry said),
     * in one line with the way out.
     */
    static RuntimeFailureException denied(RegistryEndpoint endpoint, String scope, String reason) {
        String first = scope.split(" ")[0];
        String access = first.endsWith(",push") || first.endsWith(":push") ? "push to" : "pull";
        String repository = repositoryOf(scope).map(r -> endpoint.registry() + "/" + r)
                .orElse("registry " + endpoint.registry());
        return new RuntimeFailureException("denied: registry " + endpoint.registry() + " does not let you "
                + access + " " + repository + " (" + reason + "): check the repository name, or run jcompose login "
                + endpoint.registry() + " as an account that may");
    }

    private AuthChallenge challenge(RegistryEndpoint endpoint, Optional<String> challengeHeader) {
        return challengeHeader.flatMap(AuthChallenge::parse).orElseThrow(() ->
                new RuntimeFailureException("registry " + endpoint.registry() + " asks for authentication without a "
                        + "challenge jcompose understands (WWW-Authenticate: " + challengeHeader.orElse("none") + ")"));
    }

    /**
     * A token for {@code scope}: none ({@code ""}), one, or several separated by spaces (a push that mounts blobs
     * from another repository needs pull access there too), each sent as a {@code scope} parameter.
     */
    private Authorization token(RegistryEndpoint endpoint, String scope, AuthChallenge.Bearer bearer,
                                Optional<RegistryCredentials> credentials,
                                Supplier<RuntimeFailureException> rejection) throws IOException {
        StringBuilder query = new StringBuilder();
        bearer.service().ifPresent(s -> query.append("service=").append(encode(s)));
        for (String one : scope.split(" ")) {
            if (!one.isEmpty()) {
                query.append(query.isEmpty() ? "" : "&").append("scope=").append(encode(one));
            }
        }
        URI realm;
        try {
            URI base = URI.create(bearer.realm());
            realm = query.isEmpty() ? base : URI.create(bearer.realm() + (base.getRawQuery() == null ? "?" : "&")
                    + query);
            if (realm.getScheme() == null || !realm.getScheme().matches("https?")) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("registry " + endpoint.registry() + " names a token realm that is not a URL: "
                    + bearer.realm());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(realm).timeout(timeout).GET()
                .header("User-Agent", RegistryTransport.USER_AGENT);
        credentials.ifPresent(c -> request.header("Authorization", c.basicAuthorization()));
        RegistryResponse response;
        try {
            HttpResponse<InputStream> r = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response = new RegistryResponse(r.uri(), r.statusCode(), r.headers(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while getting a token from " + realm.getHost());
        } catch (IOException e) {
            throw RegistryTransferException.of("getting a token from " + realm.getScheme() + "://"
                    + realm.getAuthority() + " for registry " + endpoint.registry(), e);
        }
        int status = response.status();
        if (status == 401 || status == 403) {
            response.body().close();
            throw rejection.get();
        }
        if (status / 100 != 2) {
            throw RegistryResponseException.of("getting a token for registry " + endpoint.registry(), response);
        }
        JsonNode json;
        try (InputStream body = response.body()) {
            json = JSON.readTree(body.readNBytes(MAX_TOKEN_BODY));
        } catch (IOException e) {
            throw new IOException("the token endpoint of registry " + endpoint.registry() + " did not answer JSON", e);
        }
        String token = json == null ? "" : json.path("token").asText(json.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new IOException("the token endpoint of registry " + endpoint.registry() + " answered no token");
        }
        long life = json.path("expires_in").asLong(0);
        Duration lifetime = life >= DEFAULT_TOKEN_LIFE.toSeconds() ? Duration.ofSeconds(life) : DEFAULT_TOKEN_LIFE;
        return new Authorization("Bearer " + token, credentials.isPresent(), Instant.now().plus(lifetime));
    }

    private RuntimeFailureException rejected(RegistryEndpoint endpoint) {
        return new RuntimeFailureException("unauthorized: the credentials for " + endpoint.registry()
                + " were rejected (check " + config.displayPath() + " or run jcompose login "
                + endpoint.registry() + ")");
    }

    private RuntimeFailureException missingCredentials(RegistryEndpoint endpoint, String scope,
                                                       DockerConfigFile.Lookup lookup) {
        String repository = repositoryOf(scope).map(r -> " to " + endpoint.registry() + "/" + r).orElse("");
        String where = switch (lookup) {
            case DockerConfigFile.InHelper(String helper) -> config.displayPath()
                    + " leaves its credentials to the credential helper docker-credential-" + helper
                    + ", which jcompose does not run yet (run jcompose login " + endpoint.registry()
                    + " to store them in the file)";
            default -> config.displayPath() + " has none for it (run jcompose login " + endpoint.registry() + ")";
        };
        return new RuntimeFailureException("unauthorized: registry " + endpoint.registry()
                + " wants credentials for access" + repository + " (or the repository does not exist), and "
                + where);
    }

    /** {@code repository:a/b:pull} → {@code a/b} (of the first scope when there are several). */
    private static Optional<String> repositoryOf(String scope) {
        String[] parts = scope.split(" ")[0].split(":");
        return parts.length == 3 && parts[0].equals("repository") ? Optional.of(parts[1]) : Optional.empty();
    }

    private static String key(RegistryEndpoint endpoint, String scope) {
        return endpoint.base() + " " + scope;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
