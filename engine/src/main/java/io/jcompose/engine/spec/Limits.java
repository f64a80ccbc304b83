package io.jcompose.engine.spec;

import io.jcompose.engine.spi.ContainerSpec.HealthcheckSpec;
import io.jcompose.engine.spi.ContainerSpec.LoggingSpec;
import io.jcompose.engine.spi.ContainerSpec.Resources;
import io.jcompose.engine.spi.ContainerSpec.RestartPolicy;
import io.jcompose.engine.spi.ContainerSpec.Ulimit;
import io.jcompose.model.Attributes;
import io.jcompose.model.Healthcheck;
import io.jcompose.model.Service;
import io.jcompose.model.validate.ByteSizes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Restart policy, health check, resource limits, logging, devices and ulimits, read as docker compose reads them. */
final class Limits {

    private Limits() {
    }

    /**
     * {@code restart} ({@code no}, {@code always}, {@code on-failure[:N]}, {@code unless-stopped}), overridden by
     * {@code deploy.restart_policy} whose {@code none} and {@code any} mean {@code no} and {@code always}.
     */
    static RestartPolicy restart(Attributes a) {
        Optional<Attributes> deploy = a.object("deploy").flatMap(d -> d.object("restart_policy"));
        if (deploy.isPresent()) {
            Attributes p = deploy.get();
            return new RestartPolicy(policyName(p.string("condition").orElse("any")),
                    p.number("max_attempts").orElse(0L).intValue());
        }
        return a.string("restart").map(text -> {
            int colon = text.indexOf(':');
            String name = colon < 0 ? text : text.substring(0, colon);
            int retries = colon < 0 ? 0 : parseInt(text.substring(colon + 1));
            return new RestartPolicy(policyName(name), retries);
        }).orElse(RestartPolicy.NO);
    }

    private static String policyName(String condition) {
        return switch (condition) {
            case "none", "no", "" -> "no";
            case "any", "always" -> "always";
            default -> condition;
        };
    }

    private static int parseInt(String text) {
        return text.matches("\\d{1,9}") ? Integer.parseInt(text) : 0;
    }

    /** The health check; {@code disable: true} is the test {@code NONE}, which turns off the image's own. */
    static Optional<HealthcheckSpec> healthcheck(Service service) {
        return service.healthcheck().filter(h -> h.disable() || !h.test().isEmpty() || hasTiming(h))
                .map(h -> new HealthcheckSpec(h.disable() ? List.of("NONE") : h.test(), h.interval(), h.timeout(),
                        h.retries().map(Long::intValue), h.startPeriod(), h.startInterval()));
    }

    private static boolean hasTiming(Healthcheck h) {
        return h.interval().isPresent() || h.timeout().isPresent() || h.retries().isPresent()
                || h.startPeriod().isPresent() || h.startInterval().isPresent();
    }

    /** Service-level limits, then {@code deploy.resources}, which wins where both say something. */
    static Resources resources(Attributes a) {
        Optional<Attributes> res = a.object("deploy").flatMap(d -> d.object("resources"));
        Optional<Attributes> limits = res.flatMap(r -> r.object("limits"));
        Optional<Long> memory = limits.flatMap(l -> bytes(l, "memory")).or(() -> bytes(a, "mem_limit"));
        Optional<Double> cpus = limits.flatMap(l -> decimal(l, "cpus")).or(() -> decimal(a, "cpus"));
        Optional<Long> pids = limits.flatMap(l -> l.number("pids")).filter(n -> n > 0)
                .or(() -> a.number("pids_limit").filter(n -> n != 0));
        Optional<Long> reservation = res.flatMap(r -> r.object("reservations")).flatMap(r -> bytes(r, "memory"))
                .or(() -> bytes(a, "mem_reservation"));
        return new Resources(memory, reservation, cpus, a.number("cpu_shares"), a.string("cpuset"), pids,
                bytes(a, "shm_size"));
    }

    /** A byte size: a number, or text such as {@code 512m}, {@code 1.5g}; zero means unset. */
    static Optional<Long> bytes(Attributes a, String key) {
        return a.get(key).flatMap(v -> switch (v) {
            case Long l -> Optional.of(l);
            case Double d -> Optional.of(d.longValue());
            default -> ByteSizes.parse(v.toString());
        }).filter(n -> n != 0);
    }

    private static Optional<Double> decimal(Attributes a, String key) {
        return a.get(key).flatMap(v -> switch (v) {
            case Number n -> Optional.of(n.doubleValue());
            default -> {
                try {
                    yield Optional.of(Double.parseDouble(v.toString().strip()));
                } catch (NumberFormatException e) {
                    yield Optional.<Double>empty();
                }
            }
        }).filter(d -> d != 0);
    }

    static Optional<LoggingSpec> logging(Attributes a) {
        return a.object("logging").map(l -> new LoggingSpec(l.string("driver").orElse(""), l.stringMap("options")))
                .filter(l -> !l.driver().isEmpty() || !l.options().isEmpty());
    }

    /** Devices as the daemon's {@code source:target:permissions}. */
    static List<String> devices(Attributes a) {
        List<String> out = new ArrayList<>();
        for (Object item : a.list("devices")) {
            if (item instanceof Map<?, ?> m) {
                Object source = m.get("source");
                Object target = m.get("target") == null ? source : m.get("target");
                Object permissions = m.get("permissions") == null ? "rwm" : m.get("permissions");
                out.add(source + ":" + target + ":" + permissions);
            } else if (item != null) {
                out.add(item.toString());
            }
        }
        return List.copyOf(out);
    }

    /** {@code nofile: 1024} sets both limits; {@code nofile: {soft, hard}} each. */
    static Map<String, Ulimit> ulimits(Attributes a) {
        Map<String, Ulimit> out = new TreeMap<>();
        if (a.get("ulimits").orElse(null) instanceof Map<?, ?> limits) {
            limits.forEach((name, value) -> {
                switch (value) {
                    case Number n -> out.put(name.toString(), new Ulimit(n.longValue(), n.longValue()));
                    case Map<?, ?> m -> out.put(name.toString(), new Ulimit(number(m.get("soft")),
                            number(m.get("hard"))));
                    case null, default -> { }
                }
            });
        }
        return Collections.unmodifiableMap(out);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).strip());
    }
}
