package io.jcompose.engine.linux.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How the registry client behaves: which registries may be spoken to in plain HTTP, where credentials are, timeouts,
 * retries, download parallelism and the platform pulled by default. Tests shorten the waits.
 *
 * @param readTimeout how long a response or a body may stay silent before the attempt fails (and is retried)
 */
public record RegistrySettings(Set<String> insecureRegistries, DockerConfigFile dockerConfig, Duration connectTimeout,
                               Duration readTimeout, Retries retries, int parallelDownloads, Platform platform) {

    /** Exponential backoff: {@code attempts} tries in all, waiting {@code firstWait}, then twice that, and so on. */
    public record Retries(int attempts, Duration firstWait, Duration maxWait) {
        public static final Retries DEFAULT = new Retries(4, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    public RegistrySettings {
        insecureRegistries = Set.copyOf(insecureRegistries);
        if (parallelDownloads < 1) {
            throw new IllegalArgumentException("parallelDownloads must be at least 1");
        }
    }

    /** Docker's defaults (3 parallel downloads), the insecure list and config file from {@code env}. */
    public static RegistrySettings fromEnvironment(Map<String, String> env) {
        return new RegistrySettings(RegistryEndpoint.insecureRegistries(env), DockerConfigFile.fromEnvironment(env),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Retries.DEFAULT, 3, Platform.current());
    }

    public RegistrySettings withRetries(Retries newRetries) {
        return new RegistrySettings(insecureRegistries, dockerConfig, connectTimeout, readTimeout, newRetries,
                parallelDownloads, platform);
    }

    public RegistrySettings withReadTimeout(Duration newReadTimeout) {
        return new RegistrySettings(insecureRegistries, dockerConfig, connectTimeout, newReadTimeout, retries,
                parallelDownloads, platform);
    }

    public RegistrySettings withPlatform(Platform newPlatform) {
        return new RegistrySettings(insecureRegistries, dockerConfig, connectTimeout, readTimeout, retries,
                parallelDownloads, newPlatform);
    }
}
