package io.jcompose.engine.linux.supervise;

import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.spi.ContainerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container's health check with Docker's defaults filled in: the compose file's {@code healthcheck} over the
 * image's {@code HEALTHCHECK}, {@code NONE} (or {@code disable}) turning it off.
 *
 * @param command what to run in the container: {@code CMD} args as they are, {@code CMD-SHELL} through /bin/sh
 */
public record HealthProbe(List<String> command, Duration interval, Duration timeout, int retries,
                          Duration startPeriod, Duration startInterval) {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_START_INTERVAL = Duration.ofSeconds(5);
    static final int DEFAULT_RETRIES = 3;

    public static Optional<HealthProbe> of(Optional<ContainerSpec.HealthcheckSpec> spec, ImageConfig image) {
        Optional<ImageConfig.Healthcheck> fromImage = image.healthcheck();
        List<String> test = spec.map(ContainerSpec.HealthcheckSpec::test).filter(t -> !t.isEmpty())
                .orElse(fromImage.map(ImageConfig.Healthcheck::test).orElse(List.of()));
        if (test.isEmpty() || test.getFirst().equals("NONE")) {
            return Optional.empty();
        }
        List<String> command = switch (test.getFirst()) {
            case "CMD" -> List.copyOf(test.subList(1, test.size()));
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
            // a bare string in compose is shell form
            default -> List.of("/bin/sh", "-c", String.join(" ", test));
        };
        if (command.isEmpty()) {
            return Optional.empty();
        }
        Duration interval = spec.flatMap(ContainerSpec.HealthcheckSpec::interval)
                .or(() -> fromImage.flatMap(ImageConfig.Healthcheck::interval)).orElse(DEFAULT_INTERVAL);
        Duration timeout = spec.flatMap(ContainerSpec.HealthcheckSpec::timeout)
                .or(() -> fromImage.flatMap(ImageConfig.Healthcheck::timeout)).orElse(DEFAULT_TIMEOUT);
        int retries = spec.flatMap(ContainerSpec.HealthcheckSpec::retries)
                .or(() -> fromImage.flatMap(ImageConfig.Healthcheck::retries)).orElse(DEFAULT_RETRIES);
        Duration startPeriod = spec.flatMap(ContainerSpec.HealthcheckSpec::startPeriod)
                .or(() -> fromImage.flatMap(ImageConfig.Healthcheck::startPeriod)).orElse(Duration.ZERO);
        Duration startInterval = spec.flatMap(ContainerSpec.HealthcheckSpec::startInterval)
                .or(() -> fromImage.flatMap(ImageConfig.Healthcheck::startInterval)).orElse(DEFAULT_START_INTERVAL);
        return Optional.of(new HealthProbe(new ArrayList<>(command), positive(interval, DEFAULT_INTERVAL),
                positive(timeout, DEFAULT_TIMEOUT), retries <= 0 ? DEFAULT_RETRIES : retries, startPeriod,
                positive(startInterval, DEFAULT_START_INTERVAL)));
    }

    private static Duration positive(Duration d, Duration fallback) {
        return d.isZero() || d.isNegative() ? fallback : d;
    }
}
