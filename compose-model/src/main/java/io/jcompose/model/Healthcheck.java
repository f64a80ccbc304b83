package io.jcompose.model;

import io.jcompose.model.validate.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A service's health check: the test command and its timing. */
public record Healthcheck(List<String> test, Optional<Duration> interval, Optional<Duration> timeout,
                          Optional<Duration> startPeriod, Optional<Duration> startInterval, Optional<Long> retries,
                          boolean disable) {

    static Healthcheck from(Attributes a) {
        return new Healthcheck(a.strings("test"), duration(a, "interval"), duration(a, "timeout"),
                duration(a, "start_period"), duration(a, "start_interval"), a.number("retries"), a.bool("disable"));
    }

    private static Optional<Duration> duration(Attributes a, String key) {
        return a.string(key).flatMap(Durations::parse);
    }
}
