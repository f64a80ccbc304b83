package io.jcompose.engine.linux.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcompose.engine.linux.sys.LibSeccomp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Compiles an OCI {@code linux.seccomp} section into the BPF program crun 1.8 would build from it: the same
 * libseccomp calls in the same order (crun's {@code libcrun_generate_seccomp}), so the bytes are the same and crun can
 * be handed them ({@code run.oci.seccomp_bpf_data}) instead of compiling the profile at every start.
 */
public final class SeccompCompiler {

    private static final int EPERM = 1;
    private static final int MAX_ARGS = 6;

    /** libseccomp's action values (seccomp.h); ERRNO and TRACE carry a 16-bit value. */
    private static final Map<String, Integer> ACTIONS = Map.of(
            "ALLOW", 0x7fff0000,
            "KILL", 0x00000000,
            "KILL_THREAD", 0x00000000,
            "KILL_PROCESS", 0x80000000,
            "TRAP", 0x00030000,
            "LOG", 0x7ffc0000,
            "NOTIFY", 0x7fc00000);
    private static final int ACT_ERRNO = 0x00050000;
    private static final int ACT_TRACE = 0x7ff00000;
    /** enum scmp_compare. */
    private static final Map<String, Integer> OPERATORS = Map.of("NE", 1, "LT", 2, "LE", 3, "EQ", 4, "GE", 5,
            "GT", 6, "MASKED_EQ", 7);

    /** One rule call: {@code conditions} empty for seccomp_rule_add without any, else seccomp_rule_add_array. */
    record Rule(int action, String syscall, List<LibSeccomp.ArgCompare> conditions) {
    }

    /** The calls that build a filter, in crun's order; {@code architectures} as libseccomp names them. */
    record Plan(int defaultAction, List<String> architectures, List<Rule> rules) {
    }

    private SeccompCompiler() {
    }

    /** The raw BPF program of {@code seccomp}; throws if libseccomp is missing or refuses what crun would refuse. */
    public static byte[] compile(JsonNode seccomp) {
        Plan plan = plan(seccomp);
        try (LibSeccomp filter = LibSeccomp.create(plan.defaultAction())) {
            for (String arch : plan.architectures()) {
                int token = LibSeccomp.resolveArchitecture(arch);
                if (token == 0) {
                    throw new IllegalArgumentException("seccomp: unknown architecture " + arch);
                }
                filter.addArchitecture(token);
            }
            for (Rule rule : plan.rules()) {
                // crun warns about a name this libseccomp does not know and goes on without it
                OptionalInt nr = LibSeccomp.resolveSyscall(rule.syscall());
                if (nr.isEmpty()) {
                    continue;
                }
                if (rule.conditions().isEmpty()) {
                    filter.addRule(rule.action(), nr.getAsInt());
                } else {
                    filter.addRule(rule.action(), nr.getAsInt(), rule.conditions());
                }
            }
            return filter.exportBpf();
        }
    }

    /** What {@link #compile} asks libseccomp for, without calling it. */
    static Plan plan(JsonNode seccomp) {
        String defaultName = seccomp.path("defaultAction").asText(null);
        if (defaultName == null) {
            throw new IllegalArgumentException("seccomp misses the default action");
        }
        int defaultAction = action(defaultName, errnoRet(seccomp, "defaultErrnoRet", defaultName));
        List<String> architectures = new ArrayList<>();
        for (JsonNode arch : seccomp.path("architectures")) {
            String name = arch.asText();
            if (name.startsWith("SCMP_ARCH_")) {
                name = name.substring("SCMP_ARCH_".length());
            }
            // crun copies the name into a 32-byte buffer
            architectures.add(name.substring(0, Math.min(31, name.length())).toLowerCase(Locale.ROOT));
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode call : seccomp.path("syscalls")) {
            String actionName = call.path("action").asText("");
            int action = action(actionName, errnoRet(call, "errnoRet", actionName));
            if (action == defaultAction) {
                continue; // libseccomp refuses a rule that does what the default does
            }
            List<List<LibSeccomp.ArgCompare>> conditionSets = conditionSets(call.path("args"));
            for (JsonNode name : call.path("names")) {
                for (List<LibSeccomp.ArgCompare> conditions : conditionSets) {
                    rules.add(new Rule(action, name.asText(), conditions));
                }
            }
        }
        return new Plan(defaultAction, List.copyOf(architectures), List.copyOf(rules));
    }

    /**
     * The rules one name gets: one with all conditions (libseccomp ANDs them), except when two conditions test the
     * same argument, which libseccomp cannot AND; then crun adds a rule per condition (which ORs them). Like crun,
     * only the first six conditions count.
     */
    private static List<List<LibSeccomp.ArgCompare>> conditionSets(JsonNode args) {
        if (!args.isArray() || args.isEmpty()) {
            return List.of(List.of());
        }
        int count = Math.min(args.size(), MAX_ARGS);
        int[] perIndex = new int[MAX_ARGS];
        boolean repeated = false;
        for (int k = 0; k < count && !repeated; k++) {
            int index = args.get(k).path("index").asInt();
            if (index < 0 || index >= MAX_ARGS) {
                throw new IllegalArgumentException("seccomp: invalid argument index " + index);
            }
            repeated = ++perIndex[index] > 1;
        }
        List<LibSeccomp.ArgCompare> all = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            JsonNode a = args.get(k);
            String op = a.path("op").asText("");
            Integer code = op.startsWith("SCMP_CMP_") ? OPERATORS.get(op.substring("SCMP_CMP_".length())) : null;
            if (code == null) {
                throw new IllegalArgumentException("seccomp: unknown operator " + op);
            }
            all.add(new LibSeccomp.ArgCompare(a.path("index").asInt(), code, unsigned(a.path("value")),
                    unsigned(a.path("valueTwo"))));
        }
        if (!repeated) {
            return List.of(List.copyOf(all));
        }
        return all.stream().map(List::of).toList();
    }

    private static int errnoRet(JsonNode node, String field, String action) {
        if (!node.has(field)) {
            return EPERM;
        }
        if (!action.equals("SCMP_ACT_ERRNO") && !action.equals("SCMP_ACT_TRACE")) {
            throw new IllegalArgumentException("seccomp: errno value given for action " + action);
        }
        return node.get(field).asInt();
    }

    static int action(String name, int errnoRet) {
        if (!name.startsWith("SCMP_ACT_")) {
            throw new IllegalArgumentException("seccomp: unknown action " + name);
        }
        String p = name.substring("SCMP_ACT_".length());
        return switch (p) {
            case "ERRNO" -> ACT_ERRNO | (errnoRet & 0xffff);
            case "TRACE" -> ACT_TRACE | (errnoRet & 0xffff);
            default -> {
                Integer value = ACTIONS.get(p);
                if (value == null) {
                    throw new IllegalArgumentException("seccomp: unknown action " + name);
                }
                yield value;
            }
        };
    }

    /** A uint64 of the config, which may be written above Long.MAX_VALUE; absent is 0. */
    private static long unsigned(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? 0L : value.bigIntegerValue().longValue();
    }
}
