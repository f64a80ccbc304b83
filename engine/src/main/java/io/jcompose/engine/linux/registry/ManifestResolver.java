package io.jcompose.engine.linux.registry;

import io.jcompose.engine.linux.image.DigestMismatchException;
import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.spi.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the image manifest to pull for a name and a platform: fetches the manifest by tag or digest, checks its
 * digest, and walks from a manifest list or OCI index to the entry for the platform.
 */
final class ManifestResolver {

    /** Manifests are small; a registry sending more is broken or hostile, and we hold it in memory. */
    private static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    /**
     * The outcome: the digest the name resolved to (the index's when there is one, as Docker records it in
     * {@code RepoDigests}) and the platform's image manifest.
     */
    record Resolved(String digest, Manifest.Image image, String imageDigest) {
    }

    private final RegistryTransport transport;

    ManifestResolver(RegistryTransport transport) {
        this.transport = transport;
    }

    Resolved resolve(RegistryEndpoint endpoint, ImageName name, Platform platform) throws IOException {
        String scope = scope(name);
        Fetched top = fetch(endpoint, scope, name, name.manifestReference(), name.digest());
        return switch (top.manifest()) {
            case Manifest.Image image -> new Resolved(top.digest(), image, top.digest());
            case Manifest.Index index -> {
                Descriptor entry = index.manifests().stream()
                        .filter(d -> d.platform().map(platform::accepts).orElse(false))
                        .filter(d -> d.mediaType().isEmpty() || MediaTypes.isImageManifest(d.mediaType()))
                        .findFirst()
                        .orElseThrow(() -> new NotFoundException("image \"" + name.familiar() + "\" has no manifest "
                                + "for platform " + platform + " (it has: "
                                + (index.platforms().isEmpty() ? "none named" : String.join(", ", index.platforms()))
                                + ")"));
                Fetched child;
                try {
                    child = fetch(endpoint, scope, name, entry.digest(), Optional.of(entry.digest()));
                } catch (NotFoundException e) {
                    throw new IOException("the index of " + name.familiar() + " names manifest " + entry.digest()
                            + " for " + platform + ", which registry " + endpoint.registry() + " does not have");
                }
                if (!(child.manifest() instanceof Manifest.Image image)) {
                    throw new IOException("the index of " + name.familiar() + " points at another index for "
                            + platform + ": nested indexes are not supported");
                }
                yield new Resolved(top.digest(), image, child.digest());
            }
        };
    }

    static String scope(ImageName name) {
        return "repository:" + name.path() + ":pull";
    }

    private record Fetched(byte[] body, String digest, Manifest manifest) {
    }

    private Fetched fetch(RegistryEndpoint endpoint, String scope, ImageName name, String reference,
                          Optional<String> expectedDigest) throws IOException {
        RegistryTransport.Call call = RegistryTransport.Call.get(
                endpoint.resolve(name.path() + "/manifests/" + reference),
                Map.of("Accept", String.join(", ", MediaTypes.MANIFEST_ACCEPT)), transport.readTimeout());
        return transport.retrying(() -> {
            try (RegistryResponse response = transport.send(endpoint, scope, call)) {
                if (response.status() == 404) {
                    RegistryResponseException e = RegistryResponseException.of("manifest " + reference, response);
                    throw new NotFoundException("image \"" + name.familiar() + "\" not found in registry "
                            + endpoint.registry(), e);
                }
                if (!response.isSuccess()) {
                    throw RegistryResponseException.of("getting manifest " + reference + " of " + name.familiar()
                            + " from registry " + endpoint.registry(), response);
                }
                byte[] body = readBounded(response.body(), name);
                String digest = Digests.of(body);
                Optional<String> announced = response.header("Docker-Content-Digest").filter(Digests::isValid);
                // by digest, the bytes must be what was asked for; by tag, what the registry says they are
                Optional<String> expected = expectedDigest.isPresent() ? expectedDigest : announced;
                if (expected.isPresent() && !expected.get().equals(digest)) {
                    throw new DigestMismatchException(expected.get(), digest);
                }
                String contentType = response.header("Content-Type").orElse("");
                return new Fetched(body, digest, ManifestParser.parse(body, contentType));
            }
        });
    }

    private static byte[] readBounded(InputStream in, ImageName name) throws IOException {
        byte[] body = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        if (body.length > MAX_MANIFEST_BYTES) {
            throw new IOException("the manifest of " + name.familiar() + " is larger than "
                    + MAX_MANIFEST_BYTES / (1024 * 1024) + " MiB: refusing it");
        }
        return body;
    }
}
