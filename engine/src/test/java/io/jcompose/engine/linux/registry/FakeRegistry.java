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
 * blobs, monolithic uploads, cross-repository mounts and manifest puts, bearer (with a token endpoint granting
 * per-repository scopes) or basic auth, and injected failures (error statuses, corrupt content, redirects to another
 * server, stalled bodies).
 */
final class FakeRegistry implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    enum Auth { NONE, BEARER, BASIC }

    /** One recorded request: method, path, raw query (or null), and the Authorization header it carried. */
    record Request(String method, String path, String query, Optional<String> authorization) {
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
    /** Token → the {@code repo:action} grants it carries. */
    private final Map<String, Set<String>> issuedTokens = new ConcurrentHashMap<>();
    /** Blobs served in every repository (put without one); others only where uploaded, mounted or pushed. */
    private final Set<String> globalBlobs = ConcurrentHashMap.newKeySet();
    private final Set<String> links = ConcurrentHashMap.newKeySet();
    /** Open upload sessions: id → repository. */
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final List<String> uploaded = Collections.synchronizedList(new ArrayList<>());
    private final List<String> mounted = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean denyPush;
    private volatile boolean absoluteLocations;
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

    /** Tokens never grant push: pushing is refused with {@code insufficient_scope}, as for a foreign repository. */
    void denyPush() {
        denyPush = true;
    }

    /** Upload sessions are given as absolute URLs (as behind some proxies) rather than absolute paths. */
    void absoluteUploadLocations() {
        absoluteLocations = true;
    }

    /** Digests of blobs received by upload, in order. */
    List<String> uploaded() {
        synchronized (uploaded) {
            return List.copyOf(uploaded);
        }
    }

    /** {@code repo@digest} of blobs linked by a cross-repository mount. */
    List<String> mounted() {
        synchronized (mounted) {
            return List.copyOf(mounted);
        }
    }

    boolean hasBlob(String repo, String digest) {
        return blobs.containsKey(digest) && (globalBlobs.contains(digest) || links.contains(repo + "@" + digest));
    }

    byte[] blob(String digest) {
        return blobs.get(digest);
    }

    /** The manifest stored under {@code repo:reference}, with its media type. */
    Optional<Map.Entry<String, byte[]>> manifest(String repo, String reference) {
        return Optional.ofNullable(manifests.get(repo + ":" + reference)).map(m -> Map.entry(m.mediaType(), m.body()));
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

    /** A blob served in every repository. */
    String putBlob(byte[] content) {
        String digest = Digests.of(content);
        blobs.put(digest, content);
        globalBlobs.add(digest);
        return digest;
    }

    /** A blob of repository {@code repo} only. */
    String putBlob(String repo, byte[] content) {
        String digest = Digests.of(content);
        blobs.put(digest, content);
        links.add(repo + "@" + digest);
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
            layerDigests.add(putBlob(path, gz));
            diffIds.add(Digests.of(content));
        }
        byte[] config = config(architecture, diffIds);
        String configDigest = putBlob(path, config);
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
            requests.add(new Request(method, path, exchange.getRequestURI().getRawQuery(), authorization));
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
            int uploadsAt = path.indexOf("/blobs/uploads/");
            if (path.startsWith("/v2/") && uploadsAt > 0) {
                upload(exchange, path.substring(4, uploadsAt), path.substring(uploadsAt + 15));
                return;
            }
            int manifestsAt = path.lastIndexOf("/manifests/");
            int blobsAt = path.lastIndexOf("/blobs/");
            if (path.startsWith("/v2/") && manifestsAt > 0 && method.equals("PUT")) {
                putManifest(exchange, path.substring(4, manifestsAt), path.substring(manifestsAt + 11));
                return;
            }
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
                if (blob == null || (path.startsWith("/v2/") && !hasBlob(path.substring(4, blobsAt), digest))) {
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
                Set<String> grants = authorization.filter(a -> a.startsWith("Bearer "))
                        .map(a -> issuedTokens.get(a.substring(7))).orElse(null);
                if (path.equals("/v2/")) {
                    if (grants != null) {
                        return true;
                    }
                    challenge(exchange, "", Optional.empty());
                    return false;
                }
                String repo = repositoryOf(path);
                boolean read = exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD");
                if (grants != null && grants.contains(repo + ":" + (read ? "pull" : "push"))) {
                    return true;
                }
                challenge(exchange, ",scope=\"repository:" + repo + (read ? ":pull\"" : ":pull,push\""),
                        grants == null ? Optional.empty() : Optional.of("insufficient_scope"));
                return false;
            }
        }
        return false;
    }

    private void challenge(HttpExchange exchange, String scope, Optional<String> error) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"http://" + address()
                + "/token\",service=\"fake-registry\"" + scope + error.map(e -> ",error=\"" + e + "\"").orElse(""));
        error(exchange, 401, error.isPresent() ? "DENIED" : "UNAUTHORIZED",
                error.isPresent() ? "requested access to the resource is denied" : "authentication required");
    }

    private static String repositoryOf(String path) {
        return path.replaceFirst("^/v2/", "").replaceFirst("/(manifests|blobs)/.*$", "");
    }

    /** The token endpoint: grants every {@code scope} asked for (push only unless denied), none for a login. */
    private void token(HttpExchange exchange, Optional<String> authorization) throws IOException {
        String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
        if (!query.contains("service=fake-registry")) {
            error(exchange, 400, "INVALID", "service wanted: " + query);
            return;
        }
        if (user.isPresent() && !authorization.equals(Optional.of(user.get().basicAuthorization()))) {
            error(exchange, 401, "UNAUTHORIZED", "bad credentials");
            return;
        }
        Set<String> grants = ConcurrentHashMap.newKeySet();
        for (String param : query.split("&")) {
            String[] scope = param.startsWith("scope=") ? param.substring(6).split(":") : new String[0];
            if (scope.length == 3 && scope[0].equals("repository")) {
                for (String action : scope[2].split(",")) {
                    if (!(action.equals("push") && denyPush)) {
                        grants.add(scope[1] + ":" + action);
                    }
                }
            }
        }
        String token = "tok-" + issuedTokens.size() + "-" + Base64.getUrlEncoder().encodeToString(
                query.getBytes(StandardCharsets.UTF_8));
        issuedTokens.put(token, grants);
        // Docker Hub answers both fields; some registries only access_token: answer the latter alone
        send(exchange, 200, "application/json", bytes(Map.of("access_token", token, "expires_in", 300)));
    }

    /** The grants of the token an {@code Authorization: Bearer} header carries (empty for anything else). */
    Set<String> grantsOf(Optional<String> authorization) {
        return authorization.filter(a -> a.startsWith("Bearer "))
                .map(a -> issuedTokens.getOrDefault(a.substring(7), Set.of())).orElse(Set.of());
    }

    /**
     * {@code POST …/blobs/uploads/} starts a session (or mounts, when the source repository has the blob and the
     * token may read it), {@code PUT …/blobs/uploads/<id>?_state=…&digest=…} completes it in one piece: the state
     * token must come back unchanged and the body must have a {@code Content-Length}.
     */
    private void upload(HttpExchange exchange, String repo, String session) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        switch (exchange.getRequestMethod()) {
            case "POST" -> {
                String digest = query.get("mount");
                String from = query.get("from");
                boolean mayRead = auth != Auth.BEARER || grantsOf(Optional.ofNullable(
                        exchange.getRequestHeaders().getFirst("Authorization"))).contains(from + ":pull");
                if (digest != null && from != null && hasBlob(from, digest) && mayRead) {
                    links.add(repo + "@" + digest);
                    mounted.add(repo + "@" + digest);
                    exchange.getResponseHeaders().set("Location", "/v2/" + repo + "/blobs/" + digest);
                    exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
                    send(exchange, 201, "text/plain", new byte[0]);
                    return;
                }
                String id = java.util.UUID.randomUUID().toString();
                sessions.put(id, repo);
                String location = "/v2/" + repo + "/blobs/uploads/" + id + "?_state=st-" + id;
                exchange.getResponseHeaders().set("Location", absoluteLocations ? base() + location : location);
                exchange.getResponseHeaders().set("Docker-Upload-UUID", id);
                send(exchange, 202, "text/plain", new byte[0]);
            }
            case "PUT" -> {
                if (!repo.equals(sessions.get(session)) || !("st-" + session).equals(query.get("_state"))) {
                    error(exchange, 404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
                    return;
                }
                String length = exchange.getRequestHeaders().getFirst("Content-Length");
                if (length == null) {
                    error(exchange, 411, "BLOB_UPLOAD_INVALID", "Content-Length wanted");
                    return;
                }
                byte[] body = exchange.getRequestBody().readAllBytes();
                String digest = query.getOrDefault("digest", "");
                if (body.length != Long.parseLong(length) || !Digests.of(body).equals(digest)) {
                    error(exchange, 400, "DIGEST_INVALID", "provided digest did not match uploaded content");
                    return;
                }
                sessions.remove(session);
                blobs.put(digest, body);
                links.add(repo + "@" + digest);
                uploaded.add(digest);
                exchange.getResponseHeaders().set("Location", "/v2/" + repo + "/blobs/" + digest);
                exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
                send(exchange, 201, "text/plain", new byte[0]);
            }
            default -> error(exchange, 405, "UNSUPPORTED", "only monolithic uploads here");
        }
    }

    /** Stores a pushed manifest when its type is declared and every blob it names is in the repository. */
    private void putManifest(HttpExchange exchange, String repo, String reference) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(body);
        if (!contentType.equals(json.path("mediaType").asText())) {
            error(exchange, 400, "MANIFEST_INVALID", "Content-Type " + contentType + " is not the manifest's type");
            return;
        }
        List<String> named = new ArrayList<>();
        named.add(json.path("config").path("digest").asText());
        json.path("layers").forEach(l -> named.add(l.path("digest").asText()));
        for (String digest : named) {
            if (!hasBlob(repo, digest)) {
                error(exchange, 400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry: " + digest);
                return;
            }
        }
        String digest = putManifest(repo, reference, contentType, body);
        exchange.getResponseHeaders().set("Location", "/v2/" + repo + "/manifests/" + digest);
        exchange.getResponseHeaders().set("Docker-Content-Digest", digest);
        send(exchange, 201, "text/plain", new byte[0]);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new java.util.HashMap<>();
        for (String pair : Optional.ofNullable(raw).orElse("").split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
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
