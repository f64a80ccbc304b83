package io.jcompose.engine.linux.registry;

import java.util.List;
import java.util.Set;

/** The media types of the Docker and OCI distribution specs that a pull or push meets, and what each means to us. */
public final class MediaTypes {

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_FOREIGN_LAYER_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String OCI_NONDISTRIBUTABLE_TAR = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public static final String OCI_NONDISTRIBUTABLE_GZIP =
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public static final String OCI_NONDISTRIBUTABLE_ZSTD =
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";

    /**
     * What the manifest endpoint is asked for: all four, because a registry asked only for OCI types may
     * down-convert a Docker image to schema 1 or answer MANIFEST_UNKNOWN.
     */
    public static final List<String> MANIFEST_ACCEPT = List.of(DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, OCI_MANIFEST,
            OCI_INDEX);

    private static final Set<String> LAYERS = Set.of(DOCKER_LAYER_GZIP, DOCKER_FOREIGN_LAYER_GZIP, OCI_LAYER_TAR,
            OCI_LAYER_GZIP, OCI_LAYER_ZSTD, OCI_NONDISTRIBUTABLE_TAR, OCI_NONDISTRIBUTABLE_GZIP,
            OCI_NONDISTRIBUTABLE_ZSTD);

    private MediaTypes() {
    }

    public static boolean isIndex(String mediaType) {
        return DOCKER_MANIFEST_LIST.equals(mediaType) || OCI_INDEX.equals(mediaType);
    }

    public static boolean isImageManifest(String mediaType) {
        return DOCKER_MANIFEST.equals(mediaType) || OCI_MANIFEST.equals(mediaType);
    }

    public static boolean isSchema1(String mediaType) {
        return DOCKER_SCHEMA1.equals(mediaType) || DOCKER_SCHEMA1_SIGNED.equals(mediaType);
    }

    public static boolean isImageConfig(String mediaType) {
        return DOCKER_CONFIG.equals(mediaType) || OCI_CONFIG.equals(mediaType);
    }

    /** A filesystem layer we can hand to the importer (tar, gzip or zstd; distributable or not). */
    public static boolean isLayer(String mediaType) {
        return LAYERS.contains(mediaType);
    }

    /** Layers that registries need not serve: they are fetched from the descriptor's {@code urls}. */
    public static boolean isForeignLayer(String mediaType) {
        return DOCKER_FOREIGN_LAYER_GZIP.equals(mediaType) || mediaType.contains(".nondistributable.");
    }

    /**
     * The type a layer stored as {@code stored} gets in a pushed manifest: Docker's when {@code docker} (gzip only),
     * else OCI's. Foreign and non-distributable layers become ordinary ones, because a push sends their blob like
     * any other and the store keeps no {@code urls} to name them by.
     */
    static String pushedLayerType(String stored, boolean docker) {
        if (stored.endsWith("+zstd")) {
            return OCI_LAYER_ZSTD;
        }
        if (stored.endsWith("gzip")) {
            return docker ? DOCKER_LAYER_GZIP : OCI_LAYER_GZIP;
        }
        return OCI_LAYER_TAR;
    }

    /**
     * Whether layers of these types fit a Docker v2 schema 2 manifest, which registries and old clients know best:
     * only gzip ones do (the schema has no zstd, and uncompressed tar is an OCI matter).
     */
    static boolean fitDockerManifest(List<String> storedLayerTypes) {
        return storedLayerTypes.stream().allMatch(t -> isLayer(t) && t.endsWith("gzip"));
    }
}
