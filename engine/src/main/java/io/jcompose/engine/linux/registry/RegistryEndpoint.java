package io.jcompose.engine.linux.registry;

import io.jcompose.engine.linux.image.ImageName;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a registry's API is and how to talk to it. HTTPS unless the registry is on a loopback address or listed in
 * {@code JCOMPOSE_INSECURE_REGISTRIES}, as Docker treats {@code 127.0.0.0/8} as an implicit insecure registry:
 * credentials and image content must not travel in clear text over a real network by accident.
 *
 * @param registry the registry as users write it ({@code docker.io}, {@code 127.0.0.1:5000}): for messages and
 *                 credential lookup
 * @param base     the API root, {@code https://registry-1.docker.io/v2/}
 */
public record RegistryEndpoint(String registry, URI base) {

    public static final String INSECURE_ENV = "JCOMPOSE_INSECURE_REGISTRIES";

    /** The endpoint of {@code registry} ({@code host[:port]} as in image names). */
    public static RegistryEndpoint of(String registry, Set<String> insecureRegistries) {
        String host = registry.equals(ImageName.DOCKER_HUB) ? "registry-1.docker.io" : registry;
        boolean plain = isLoopback(hostOf(host)) || insecureRegistries.contains(registry.toLowerCase(Locale.ROOT))
                || insecureRegistries.contains(hostOf(host).toLowerCase(Locale.ROOT));
        return new RegistryEndpoint(registry, URI.create((plain ? "http://" : "https://") + host + "/v2/"));
    }

    /** The comma-separated {@code host[:port]} list of {@link #INSECURE_ENV}, lowercased. */
    public static Set<String> insecureRegistries(java.util.Map<String, String> env) {
        return Arrays.stream(env.getOrDefault(INSECURE_ENV, "").split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .map(s -> s.replaceFirst("^https?://", "").replaceFirst("/+$", ""))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** {@code localhost}, {@code 127.0.0.0/8} or {@code ::1}: decided on the name alone, never by a DNS lookup. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    }

    /** The host of {@code host[:port]} or {@code [v6]:port}. */
    private static String hostOf(String hostPort) {
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end < 0 ? hostPort : hostPort.substring(0, end + 1);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /** The URI of {@code relative} under the API root ({@code library/redis/manifests/7}). */
    public URI resolve(String relative) {
        return base.resolve(relative);
    }

    public boolean plainHttp() {
        return base.getScheme().equals("http");
    }
}
