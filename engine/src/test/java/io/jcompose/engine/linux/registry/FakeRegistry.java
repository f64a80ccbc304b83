package io.jcompose.engine.linux.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jcompose.engine.linux.image.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * An in-process registry speaking enough of the distribution API for the client's tests: manifests by tag and digest,
 * blobs, bearer (with a token endpoint) or basic auth, and injected failures (error statuses, corrupt content,
 * redirects to another server, stalled bodies).
 */
final class FakeRegistry implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    enum Auth { NONE, BEARER, BASIC }

    /** One recorded request: method, path, and the Authorization header it carried. */
    record Request(String method, String path, Optional<String> authorization) {
    }

    /** What {@link #pushImage} stored, for assertions. */
    record PushedImage(String manifestDigest, byte[] manifest, String configDigest, List<String> layerDigests,
                       List<String> diffIds) {
    }

    private record StoredManifest(String mediaType, byte[] body) {
    }

    private record Failure(int status, String code, Optional<String> retryAfter) {
    }

    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, StoredManifest> manifests = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Failure>> failures = new ConcurrentHashMap<>();
    private final Set<String> corrupt = ConcurrentHashMap.newKeySet();
    private final Set<String> stallOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Auth auth = Auth.NONE;
    private volatile Optional<RegistryCredentials> user = Optional.empty();
    private volatile Optional<FakeRegistry> redirectBlobsTo = Optional.empty();

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code 127.0.0.1:<port>}, as it appears in image names. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Bearer auth with a token endpoint at {@code /token}; with {@code user}, the token needs those credentials. */
    FakeRegistry bearer(Optional<RegistryCredentials> required) {
        auth = Auth.BEARER;
        user = required;
        return this;
    }

    FakeRegistry basic(RegistryCredentials required) {
        auth = Auth.BASIC;
        user = Optional.of(required);
        return this;
    }

    /** The next {@code times} requests whose path ends with {@code pathSuffix} get {@code status}. */
    void failNext(String pathSuffix, int status, String code, int times, Optional<String> retryAfter) {
        ConcurrentLinkedQueue<Failure> queue = failures.computeIfAbsent(pathSuffix, k -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(new Failure(status, code, retryAfter));
        }
    }

    /** Blob {@code digest} is served with other bytes. */
    void corrupt(String digest) {
        corrupt.add(digest);
    }

    /** The first GET of blob {@code digest} sends half of it, then nothing until the registry is closed. */
    void stallOnce(String digest) {
        stallOnce.add(digest);
    }

    /** Blob GETs answer 307 to the same path on {@code storage}. */
    void redirectBlobsTo(FakeRegistry storage) {
        redirectBlobsTo = Optional.of(storage);
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    long count(String method, String pathSuffix) {
        return requests().stream().filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix)).count();
    }

    String putBlob(byte[] content) {
        String digest = Digests.of(content);
        blobs.put(digest, content);
        return digest;
    }

    void removeBlob(String digest) {
        blobs.remove(digest);
    }

    /** Stores a manifest under {@code reference} (a tag) and under its digest; returns the digest. */
    String putManifest(String path, String reference, String mediaType, byte[] body) {
        String digest = Digests.of(body);
        manifests.put(path + ":" + reference, new StoredManifest(mediaType, body));
        manifests.put(path + ":" + digest, new StoredManifest(mediaType, body));
        return digest;
    }

    /** Serves {@code body} for {@code path@digest} although it is not that digest's content. */
    void putManifestUnderDigest(String path, String digest, String mediaType, byte[] body) {
        manifests.put(path + ":" + digest, new StoredManifest(mediaType, body));
    }

    /**
     * Pushes an image whose layers are {@code layerContents} (gzip-compressed, Docker media types) for
     * {@code architecture}, tagged {@code tag}.
     */
    PushedImage pushImage(String path, String tag, String architecture, List<byte[]> layerContents) {
        List<String> layerDigests = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        List<byte[]> compressed = new ArrayList<>();
        for (byte[] content : layerContents) {
            byte[] gz = gzip(content);
            compressed.add(gz);
            layerDigests.add(putBlob(gz));
            diffIds.add(Digests.of(content));
        }
        byte[] config = config(architecture, diffIds);
        String configDigest = putBlob(config);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.DOCKER_MANIFEST);
        manifest.set("config", descriptor(MediaTypes.DOCKER_CONFIG, configDigest, config.length));
        ArrayNode layers = manifest.putArray("layers");
        for (int i = 0; i < compressed.size(); i++) {
            layers.add(descriptor(MediaTypes.DOCKER_LAYER_GZIP, layerDigests.get(i), compressed.get(i).length));
        }
        byte[] body = bytes(manifest);
        String digest = putManifest(path, tag, MediaTypes.DOCKER_MANIFEST, body);
        return new PushedImage(digest, body, configDigest, layerDigests, diffIds);
    }

    static byte[] config(String architecture, List<String> diffIds) {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", architecture);
        config.put("os", "linux");
        config.putObject("config").putArray("Cmd").add("/bin/sh");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        diffIds.forEach(ids::add);
        return bytes(config);
    }

    static ObjectNode descriptor(String mediaType, String digest, long size) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", mediaType);
        d.put("digest", digest);
        d.put("size", size);
        return d;
    }

    static byte[] bytes(Object json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---- serving ------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Optional<String> authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(new Request(method, path, authorization));
            for (Map.Entry<String, ConcurrentLinkedQueue<Failure>> e : failures.entrySet()) {
                if (path.endsWith(e.getKey())) {
                    Failure f = e.getValue().poll();
                    if (f != null) {
                        f.retryAfter().ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
                        error(exchange, f.status(), f.code(), "injected failure");
                        return;
                    }
                }
            }
            if (path.equals("/token")) {
                token(exchange, authorization);
                return;
            }
            if (path.startsWith("/v2/") && !authorized(exchange, path, authorization)) {
                return;
            }
            if (path.equals("/v2/")) {
                send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            int manifestsAt = path.lastIndexOf("/manifests/");
            int blobsAt = path.lastIndexOf("/blobs/");
            if (path.startsWith("/v2/") && manifestsAt > 0) {
                String repo = path.substring(4, manifestsAt);
                StoredManifest m = manifests.get(repo + ":" + path.substring(manifestsAt + 11));
                if (m == null) {
                    error(exchange, 404, "MANIFEST_UNKNOWN", "manifest unknown");
                    return;
                }
                exchange.getResponseHeaders().set("Docker-Content-Digest", Digests.of(m.body()));
                send(exchange, 200, m.mediaType(), m.body());
                return;
            }
            if (blobsAt > 0) {
                String digest = path.substring(blobsAt + 7);
                if (redirectBlobsTo.isPresent() && path.startsWith("/v2/")) {
                    exchange.getResponseHeaders().set("Location", "http://" + redirectBlobsTo.get().address()
                            + "/storage" + path + "?signature=abc");
                    send(exchange, 307, "text/plain", new byte[0]);
                    return;
                }
                byte[] blob = blobs.get(digest);
                if (blob == null) {
                    error(exchange, 404, "BLOB_UNKNOWN", "blob unknown to registry");
                    return;
                }
                if (corrupt.contains(digest)) {
                    blob = blob.clone();
                    blob[blob.length / 2] ^= 0x5a;
                }
                if (stallOnce.remove(digest)) {
                    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                    exchange.sendResponseHeaders(200, blob.length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(blob, 0, blob.length / 2);
                    out.flush();
                    awaitRelease();
                    return;
                }
                send(exchange, 200, "application/octet-stream", blob);
                return;
            }
            error(exchange, 404, "NAME_UNKNOWN", "repository name not known to registry");
        }
    }

    private boolean authorized(HttpExchange exchange, String path, Optional<String> authorization)
            throws IOException {
        switch (auth) {
            case NONE -> {
                return true;
            }
            case BASIC -> {
                if (authorization.isPresent() && authorization.get().equals(user.orElseThrow().basicAuthorization())) {
                    return true;
                }
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"fake\"");
                error(exchange, 401, "UNAUTHORIZED", "authentication required");
                return false;
            }
            case BEARER -> {
                if (authorization.isPresent() && authorization.get().startsWith("Bearer ")
                        && issuedTokens.contains(authorization.get().substring(7))) {
                    return true;
                }
                String repo = path.replaceFirst("^/v2/", "").replaceFirst("/(manifests|blobs)/.*$", "");
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"http://" + address()
                        + "/token\",service=\"fake-registry\",scope=\"repository:" + repo + ":pull\"");
                error(exchange, 401, "UNAUTHORIZED", "authentication required");
                return false;
            }
        }
        return false;
    }

    private void token(HttpExchange exchange, Optional<String> authorization) throws IOException {
        String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
        if (!query.contains("service=fake-registry") || !query.contains("scope=repository:")) {
            error(exchange, 400, "INVALID", "service and scope wanted: " + query);
            return;
        }
        if (user.isPresent() && !authorization.equals(Optional.of(user.get().basicAuthorization()))) {
            error(exchange, 401, "UNAUTHORIZED", "bad credentials");
            return;
        }
        String token = "tok-" + issuedTokens.size() + "-" + Base64.getUrlEncoder().encodeToString(
                query.getBytes(StandardCharsets.UTF_8));
        issuedTokens.add(token);
        // Docker Hub answers both fields; some registries only access_token: answer the latter alone
        send(exchange, 200, "application/json", bytes(Map.of("access_token", token, "expires_in", 300)));
    }

    long tokensIssued() {
        return issuedTokens.size();
    }

    private void awaitRelease() {
        try {
            released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        send(exchange, status, "application/json",
                bytes(Map.of("errors", List.of(Map.of("code", code, "message", message)))));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    URI base() {
        return URI.create("http://" + address());
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
