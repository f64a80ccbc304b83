package io.jcompose.engine.linux.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.spi.ContainerSpec.Resources;
import java.util.List;

/** The config's {@code linux.resources}: memory, CPU, pids limits and device rules, checked as Docker checks them. */
public final class CgroupResources {

    /** The CFS period Docker uses to turn {@code cpus} into a quota. */
    static final long CPU_PERIOD = 100_000L;
    /** Docker refuses memory limits under this: the runtime itself would not fit. */
    static final long MIN_MEMORY = 6L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private CgroupResources() {
    }

    public static ObjectNode of(Resources r, List<Devices.Rule> deviceRules, HostFacts host) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode devices = out.putArray("devices");
        for (Devices.Rule rule : deviceRules) {
            ObjectNode d = devices.addObject();
            d.put("allow", rule.allow());
            if (!rule.type().equals("a")) {
                d.put("type", rule.type());
            }
            if (rule.major() >= 0) {
                d.put("major", rule.major());
            }
            if (rule.minor() >= 0) {
                d.put("minor", rule.minor());
            }
            d.put("access", rule.access());
        }
        memory(r, out);
        cpu(r, host, out);
        r.pidsLimit().ifPresent(limit -> out.putObject("pids").put("limit", limit));
        return out;
    }

    private static void memory(Resources r, ObjectNode out) {
        if (r.memory().isEmpty() && r.memoryReservation().isEmpty()) {
            return;
        }
        ObjectNode memory = out.putObject("memory");
        r.memory().ifPresent(limit -> {
            if (limit > 0 && limit < MIN_MEMORY) {
                throw new OciConfigException("mem_limit: " + limit + " bytes is below the minimum of 6MB");
            }
            memory.put("limit", limit);
        });
        r.memoryReservation().ifPresent(reservation -> {
            if (r.memory().isPresent() && r.memory().get() > 0 && reservation > r.memory().get()) {
                throw new OciConfigException("mem_reservation: " + reservation
                        + " bytes is above the memory limit of " + r.memory().get() + " bytes");
            }
            memory.put("reservation", reservation);
        });
    }

    private static void cpu(Resources r, HostFacts host, ObjectNode out) {
        if (r.cpus().isEmpty() && r.cpuShares().isEmpty() && r.cpuset().isEmpty()) {
            return;
        }
        ObjectNode cpu = out.putObject("cpu");
        r.cpus().ifPresent(cpus -> {
            if (cpus < 0.01 || cpus > host.cpuCount()) {
                throw new OciConfigException("cpus: " + cpus + " is out of range (expected 0.01 to "
                        + host.cpuCount() + ", the CPUs of this host)");
            }
            cpu.put("quota", Math.round(cpus * CPU_PERIOD));
            cpu.put("period", CPU_PERIOD);
        });
        r.cpuShares().ifPresent(shares -> {
            if (shares < 0) {
                throw new OciConfigException("cpu_shares: " + shares + " is negative");
            }
            cpu.put("shares", shares);
        });
        r.cpuset().ifPresent(set -> {
            checkCpuset(set, host.cpuCount());
            cpu.put("cpus", set);
        });
    }

    /** {@code 0-2,4}: each CPU must exist here, or the runtime fails writing {@code cpuset.cpus}. */
    private static void checkCpuset(String set, int cpuCount) {
        for (String part : set.split(",")) {
            String[] range = part.strip().split("-", -1);
            if (range.length > 2 || !range[0].matches("\\d+") || range.length == 2 && !range[1].matches("\\d+")) {
                throw new OciConfigException("cpuset: invalid CPU list \"" + set + "\" (expected such as 0-2,4)");
            }
            long high = Long.parseLong(range[range.length - 1]);
            if (high >= cpuCount || Long.parseLong(range[0]) > high) {
                throw new OciConfigException("cpuset: CPUs \"" + set + "\" are not available (this host has CPUs 0-"
                        + (cpuCount - 1) + ")");
            }
        }
    }
}
