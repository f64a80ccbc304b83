package io.jcompose.engine.linux.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Puts one blob into a repository of a registry, unless it is there already: asks whether it exists, else starts an
 * upload (as a cross-repository mount when a repository of the same registry should have it) and sends the blob in
 * one request. A failed upload starts over with a new upload session.
 */
final class BlobUploader {

    /** How the blob got there. */
    enum Outcome { ALREADY_EXISTS, MOUNTED, UPLOADED }

    /**
     * The slowest upload rate allowed before an attempt is given up: the JDK's request timeout covers sending the
     * body, so it has to grow with the blob.
     */
    private static final long MIN_BYTES_PER_SECOND = 32 * 1024;

    private final RegistryTransport transport;

    BlobUploader(RegistryTransport transport) {
        this.transport = transport;
    }

    /**
     * Brings blob {@code digest} (the file {@code blob}) into repository {@code path}, trying a mount from repository
     * {@code mountFrom} first when given; {@code progress} hears the bytes sent.
     */
    Outcome upload(RegistryEndpoint endpoint, String scope, String path, String digest, Path blob,
                   Optional<String> mountFrom, LongConsumer progress) throws IOException {
        if (exists(endpoint, scope, path, digest)) {
            return Outcome.ALREADY_EXISTS;
        }
        return transport.retrying(() -> {
            Optional<URI> session = start(endpoint, scope, path, digest, mountFrom);
            if (session.isEmpty()) {
                return Outcome.MOUNTED;
            }
            UploadBody body = new UploadBody(blob, progress);
            Duration timeout = transport.readTimeout().plusSeconds(body.contentLength() / MIN_BYTES_PER_SECOND);
            RegistryTransport.Call put = new RegistryTransport.Call("PUT", withDigest(session.get(), digest),
                    Map.of("Content-Type", "application/octet-stream"), body, false, timeout);
            try (RegistryResponse response = transport.send(endpoint, scope, put)) {
                if (response.status() != 201 && response.status() != 204) {
                    throw RegistryResponseException.of("uploading blob " + digest + " to registry "
                            + endpoint.registry(), response);
                }
            }
            return Outcome.UPLOADED;
        });
    }

    private boolean exists(RegistryEndpoint endpoint, String scope, String path, String digest) throws IOException {
        RegistryTransport.Call head = new RegistryTransport.Call("HEAD", endpoint.resolve(path + "/blobs/" + digest),
                Map.of(), HttpRequest.BodyPublishers.noBody(), true, transport.readTimeout());
        return transport.retrying(() -> {
            try (RegistryResponse response = transport.send(endpoint, scope, head)) {
                return switch (response.status()) {
                    case 200 -> true;
                    case 404 -> false;
                    default -> throw RegistryResponseException.of("checking for blob " + digest + " in registry "
                            + endpoint.registry(), response);
                };
            }
        });
    }

    /**
     * Starts an upload: empty when the registry mounted the blob instead ({@code 201}), else where to send it. A
     * registry that cannot mount (the source lacks the blob, or we may not read it) opens a session anyway.
     */
    private Optional<URI> start(RegistryEndpoint endpoint, String scope, String path, String digest,
                                Optional<String> mountFrom) throws IOException {
        String query = mountFrom.map(from -> "?mount=" + encode(digest) + "&from=" + encode(from)).orElse("");
        RegistryTransport.Call post = new RegistryTransport.Call("POST",
                endpoint.resolve(path + "/blobs/uploads/" + query), Map.of(), HttpRequest.BodyPublishers.noBody(),
                false, transport.readTimeout());
        try (RegistryResponse response = transport.send(endpoint, scope, post)) {
            if (response.status() == 201 && mountFrom.isPresent()) {
                return Optional.empty();
            }
            if (response.status() != 202) {
                throw RegistryResponseException.of("starting the upload of blob " + digest + " to registry "
                        + endpoint.registry(), response);
            }
            String location = response.header("Location").orElseThrow(() -> new IOException("registry "
                    + endpoint.registry() + " started an upload without saying where to send it (no Location)"));
            try {
                return Optional.of(response.uri().resolve(location));
            } catch (IllegalArgumentException e) {
                throw new IOException("registry " + endpoint.registry() + " gave an upload location that is not a "
                        + "URL: " + location);
            }
        }
    }

    /** The session's URL with {@code digest=} added: its own query (a state token) must stay as it is. */
    static URI withDigest(URI session, String digest) {
        String s = session.toString();
        int hash = s.indexOf('#');
        String base = hash < 0 ? s : s.substring(0, hash);
        return URI.create(base + (session.getRawQuery() == null ? "?" : "&") + "digest=" + encode(digest));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
