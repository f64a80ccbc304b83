package io.jcompose.engine.linux.supervise;

import io.jcompose.engine.spi.ContainerSpec;
import java.time.Duration;

/**
 * When an exited container starts again, as Docker decides it: {@code always} unless a command stopped it,
 * {@code unless-stopped} likewise, {@code on-failure[:N]} on a non-zero exit at most N times; with a delay that
 * doubles from 100 ms up to a minute, and starts over once a run lasted 10 seconds.
 */
public final class RestartPolicy {

    private static final Duration FIRST_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_DELAY = Duration.ofMinutes(1);
    private static final Duration STABLE_RUN = Duration.ofSeconds(10);

    private RestartPolicy() {
    }

    public static boolean restarts(ContainerSpec.RestartPolicy policy, int exitCode, int restartCount,
                                   boolean stoppedByUser) {
        if (stoppedByUser) {
            return false;
        }
        return switch (policy.name()) {
            case "always", "unless-stopped" -> true;
            case "on-failure" -> exitCode != 0 && (policy.maxRetries() <= 0 || restartCount < policy.maxRetries());
            default -> false;
        };
    }

    /** Whether the policy asks for a supervisor at all. */
    public static boolean supervised(ContainerSpec.RestartPolicy policy) {
        return !policy.name().equals("no") && !policy.name().isBlank();
    }

    public static Duration delay(int restartCount, Duration lastRun) {
        if (lastRun.compareTo(STABLE_RUN) >= 0) {
            return FIRST_DELAY;
        }
        Duration d = FIRST_DELAY.multipliedBy(1L << Math.min(restartCount, 10));
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }
}
