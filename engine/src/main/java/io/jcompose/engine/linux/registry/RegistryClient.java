package io.jcompose.engine.linux.registry;

import io.jcompose.engine.linux.image.BlobWriter;
import io.jcompose.engine.linux.image.DigestMismatchException;
import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoreFullException;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.spi.EngineException;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Pulls images from registries (Registry HTTP API v2: Docker Hub, distribution, GHCR, …) into the built-in
 * {@link ImageStore}: manifest (through a manifest list or OCI index to the platform's), config and layer blobs, each
 * verified against its digest; layers the store already has are not downloaded. Pushes stored images back, and checks
 * credentials for {@code jcompose login}. Failures are {@link EngineException}s with one-line messages.
 */
public final class RegistryClient implements AutoCloseable {

    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

    private final ImageStore store;
    private final LayerImporter importer;
    private final RegistrySettings settings;
    private final RegistryTransport transport;
    private final ManifestResolver resolver;
    private final BlobDownloader downloader;
    private final ImagePusher pusher;

    /** What a push stored: the manifest's digest and its size in bytes, as {@code docker push} prints them. */
    public record Pushed(String digest, long size) {
    }

    public RegistryClient(ImageStore store, LayerImporter importer, RegistrySettings settings) {
        this.store = store;
        this.importer = importer;
        this.settings = settings;
        this.transport = new RegistryTransport(settings);
        this.resolver = new ManifestResolver(transport);
        this.downloader = new BlobDownloader(transport, store);
        // Docker uploads 5 layers at once by default; the same bound as downloads keeps one knob for both
        this.pusher = new ImagePusher(transport, store, settings.parallelDownloads());
    }

    /** Pulls {@code name} for the settings' platform. */
    public StoredImage pull(ImageName name, Consumer<String> progress) {
        return pull(name, settings.platform(), progress);
    }

    /**
     * Pulls {@code name} for {@code platform}, reporting Docker-style progress lines to {@code progress} (from several
     * threads, one line at a time), and returns the stored image, tagged with {@code name} when it has a tag.
     */
    public StoredImage pull(ImageName name, Platform platform, Consumer<String> progress) {
        RegistryEndpoint endpoint = RegistryEndpoint.of(name.domain(), settings.insecureRegistries());
        PullProgress report = new PullProgress(progress, PROGRESS_INTERVAL);
        try {
            return pull(name, platform, endpoint, report);
        } catch (EngineException e) {
            throw e;
        } catch (InterruptedIOException | InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException("pull of " + name.familiar() + " interrupted", e);
        } catch (StoreFullException e) {
            throw storeFull(e, name);
        } catch (DigestMismatchException e) {
            throw new RuntimeFailureException("pulling " + name.familiar() + " from registry " + endpoint.registry()
                    + ": " + e.getMessage(), e);
        } catch (RegistryTransferException e) {
            throw new RuntimeFailureException("cannot pull " + name.familiar() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RuntimeFailureException("pulling " + name.familiar() + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof StoreFullException full) {
                throw storeFull(full, name);
            }
            throw new RuntimeFailureException("pulling " + name.familiar() + ": " + e.getCause().getMessage(), e);
        }
    }

    /** The store's scratch copy is gone by now (nothing half-written stays): what is left to do is free space. */
    private static RuntimeFailureException storeFull(StoreFullException e, ImageName name) {
        return new RuntimeFailureException(e.getMessage() + " while pulling " + name.familiar()
                + ": free some space (jcompose image prune)", e);
    }

    private StoredImage pull(ImageName name, Platform platform, RegistryEndpoint endpoint, PullProgress report)
            throws IOException, InterruptedException {
        String scope = ManifestResolver.scope(name);
        report.line(name.tag().orElseGet(() -> name.digest().orElseThrow()) + ": Pulling from " + name.path());
        ManifestResolver.Resolved resolved = resolver.resolve(endpoint, name, platform);
        Manifest.Image manifest = resolved.image();

        Descriptor configBlob = manifest.config();
        if (!configBlob.mediaType().isEmpty() && !MediaTypes.isImageConfig(configBlob.mediaType())) {
            throw new IOException("it is not a container image (its config is " + configBlob.mediaType() + ")");
        }
        if (!store.hasBlob(configBlob.digest())) {
            downloader.download(endpoint, scope, name.path(), configBlob, done -> { });
        }
        byte[] configJson = store.readBlob(configBlob.digest());
        List<String> diffIds = ImageConfig.parse(configJson).diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw new IOException("its manifest has " + manifest.layers().size() + " layers but its config "
                    + diffIds.size() + " diff ids");
        }
        for (Descriptor layer : manifest.layers()) {
            if (!MediaTypes.isLayer(layer.mediaType())) {
                throw new IOException("layer " + layer.digest() + " has media type \"" + layer.mediaType()
                        + "\", which jcompose cannot unpack");
            }
        }
        boolean upToDate = store.find(name.canonical()).map(i -> i.id().equals(configBlob.digest())).orElse(false);

        List<StoredImage.Layer> layers = pullLayers(endpoint, scope, name, manifest.layers(), diffIds, report);
        List<ImageName> names = name.tag().isPresent() ? List.of(name) : List.of();
        StoredImage image = store.addImage(configJson, layers, names,
                Optional.of(name.repository() + "@" + resolved.digest()));
        report.line("Digest: " + resolved.digest());
        report.line((upToDate ? "Status: Image is up to date for " : "Status: Downloaded newer image for ")
                + name.familiar());
        return image;
    }

    /**
     * Downloads and imports the layers the store lacks, a few at a time on virtual threads; the first failure
     * cancels the others. No lock is held meanwhile: a layer pulled twice at once is renamed into place by whichever
     * finishes first, and the other's copy is dropped by the store.
     */
    private List<StoredImage.Layer> pullLayers(RegistryEndpoint endpoint, String scope, ImageName name,
                                               List<Descriptor> descriptors, List<String> diffIds,
                                               PullProgress report) throws IOException, InterruptedException {
        Semaphore downloads = new Semaphore(settings.parallelDownloads());
        List<Future<StoredImage.Layer>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < descriptors.size(); i++) {
                Descriptor layer = descriptors.get(i);
                String diffId = diffIds.get(i);
                if (store.hasLayer(diffId)) {
                    report.layer(layer, "Already exists");
                    futures.add(CompletableFuture.completedFuture(existing(layer, diffId)));
                    continue;
                }
                report.layer(layer, "Pulling fs layer");
                futures.add(executor.submit(() -> pullLayer(endpoint, scope, name, layer, diffId, downloads, report)));
            }
            return ParallelTransfers.awaitAll(futures);
        }
    }

    private StoredImage.Layer pullLayer(RegistryEndpoint endpoint, String scope, ImageName name, Descriptor layer,
                                        String diffId, Semaphore downloads, PullProgress report)
            throws IOException, InterruptedException {
        ImageStore.LayerContent content;
        if (store.hasBlob(layer.digest())) {
            report.layer(layer, "Download complete");
            try (InputStream blob = Files.newInputStream(store.blobPath(layer.digest()))) {
                content = importer.importLayer(blob, layer.mediaType(), diffId);
            }
        } else {
            // unpacked as it arrives: the download's wait and the unpacking's work overlap, and the blob is read
            // once; its digest is checked at its end, before the layer is put in place
            downloads.acquire();
            try {
                content = downloader.stream(endpoint, scope, name.path(), layer,
                        done -> report.downloading(layer, done), body -> {
                            try (BlobWriter copy = store.newBlob()) {
                                StoredWhileRead checked = new StoredWhileRead(body, copy, layer.digest());
                                ImageStore.LayerContent unpacked;
                                try {
                                    unpacked = importer.importLayer(checked, layer.mediaType(), diffId);
                                } catch (IOException e) {
                                    throw corruptOr(checked, e);
                                }
                                if (!checked.ended()) {
                                    throw new IOException("the importer of layer " + layer.digest()
                                            + " did not read it to its end");
                                }
                                return unpacked;
                            }
                        });
            } finally {
                downloads.release();
            }
            report.layer(layer, "Download complete");
        }
        if (!content.diffId().equals(diffId)) {
            throw new DigestMismatchException(diffId, content.diffId());
        }
        report.layer(layer, "Pull complete");
        return new StoredImage.Layer(diffId, Optional.of(layer.digest()), Optional.of(layer.mediaType()),
                content.size());
    }

    /**
     * A layer that could not be unpacked may be a corrupt download (the inflater or the tar reader tripped over it
     * before its end, where its digest is checked): the rest of the body tells, and a digest mismatch is the error
     * to show. A failed transfer, or a blob that is what the manifest says, leaves {@code failure} as it was.
     */
    private static IOException corruptOr(StoredWhileRead body, IOException failure) {
        if (body.ended() || failure instanceof RegistryTransferException) {
            return failure;
        }
        try {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (DigestMismatchException corrupt) {
            return corrupt;
        } catch (IOException transfer) {
            failure.addSuppressed(transfer);
        }
        return failure;
    }

    /** A layer the store has: its blob is recorded only when the store has that too (for a later push). */
    private StoredImage.Layer existing(Descriptor layer, String diffId) {
        boolean haveBlob = store.hasBlob(layer.digest());
        return new StoredImage.Layer(diffId, haveBlob ? Optional.of(layer.digest()) : Optional.empty(),
                haveBlob ? Optional.of(layer.mediaType()) : Optional.empty(), store.layerSize(diffId));
    }

    /**
     * Pushes {@code image} as {@code target} (which must have a tag), reporting Docker-style progress lines to
     * {@code progress}, and records the pushed manifest's digest among the image's repo digests.
     */
    public Pushed push(StoredImage image, ImageName target, Consumer<String> progress) {
        if (target.tag().isEmpty() || target.digest().isPresent()) {
            throw new RuntimeFailureException("cannot push " + target.familiar() + ": a push needs a tag and no "
                    + "digest (tag the image, then push the tag)");
        }
        RegistryEndpoint endpoint = RegistryEndpoint.of(target.domain(), settings.insecureRegistries());
        try {
            return pusher.push(image, target, endpoint, new PullProgress(progress, PROGRESS_INTERVAL));
        } catch (EngineException e) {
            throw e;
        } catch (InterruptedIOException | InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException("push of " + target.familiar() + " interrupted", e);
        } catch (RegistryResponseException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw RegistryAuthenticator.denied(endpoint, "repository:" + target.path() + ":pull,push",
                        reason(e));
            }
            throw new RuntimeFailureException("pushing " + target.familiar() + ": " + e.getMessage(), e);
        } catch (RegistryTransferException e) {
            throw new RuntimeFailureException("cannot push " + target.familiar() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RuntimeFailureException("pushing " + target.familiar() + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new RuntimeFailureException("pushing " + target.familiar() + ": " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Checks that {@code registry} ({@code host[:port]}, or {@code docker.io}) accepts {@code credentials}: returns
     * when it does (or wants none), throws a one-line {@link EngineException} when it does not.
     */
    public void checkLogin(String registry, RegistryCredentials credentials) {
        checkLogin(transport, settings, registry, credentials);
    }

    /**
     * As {@link #checkLogin(String, RegistryCredentials)}, with a connection of its own: {@code jcompose login}
     * needs no image store.
     */
    public static void checkCredentials(RegistrySettings settings, String registry, RegistryCredentials credentials) {
        try (RegistryTransport transport = new RegistryTransport(settings)) {
            checkLogin(transport, settings, registry, credentials);
        }
    }

    private static void checkLogin(RegistryTransport transport, RegistrySettings settings, String registry,
                                   RegistryCredentials credentials) {
        RegistryEndpoint endpoint = RegistryEndpoint.of(DockerConfigFile.normalise(registry),
                settings.insecureRegistries());
        RegistryTransport.Call call = RegistryTransport.Call.get(endpoint.base(), Map.of(), transport.readTimeout());
        try {
            transport.retrying(() -> {
                try (RegistryResponse response = transport.sendWithCredentials(endpoint, call, credentials)) {
                    if (!response.isSuccess()) {
                        throw RegistryResponseException.of("logging in to registry " + endpoint.registry(),
                                response);
                    }
                    return null;
                }
            });
        } catch (EngineException e) {
            throw e;
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException("login to " + endpoint.registry() + " interrupted", e);
        } catch (RegistryResponseException e) {
            throw new RuntimeFailureException(e.getMessage(), e);
        } catch (IOException e) {
            // the message names the registry already
            throw new RuntimeFailureException("cannot log in: " + e.getMessage(), e);
        }
    }

    /** What the registry gave as its reason: the messages of its error body, else the status. */
    private static String reason(RegistryResponseException e) {
        List<String> messages = e.errors().stream()
                .map(r -> r.message().isEmpty() ? r.code() : r.message())
                .filter(m -> !m.isEmpty()).toList();
        return messages.isEmpty() ? "HTTP " + e.status() : String.join("; ", messages);
    }

    @Override
    public void close() {
        transport.close();
    }
}
