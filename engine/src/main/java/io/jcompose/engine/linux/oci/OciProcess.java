package io.jcompose.engine.linux.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;

/** The OCI {@code process} object: what a container's first process, or an exec'd one, runs as. */
public record OciProcess(boolean terminal, UserResolver.ResolvedUser user, List<String> args, List<String> env,
                         String cwd, List<String> capabilities, boolean noNewPrivileges,
                         List<Rlimits.Rlimit> rlimits) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** RLIM_INFINITY: rlimits are unsigned 64-bit in the config. */
    private static final BigInteger UNLIMITED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    public OciProcess {
        args = List.copyOf(args);
        env = List.copyOf(env);
        capabilities = List.copyOf(capabilities);
        rlimits = List.copyOf(rlimits);
    }

    public ObjectNode toJson() {
        ObjectNode out = JSON.createObjectNode();
        out.put("terminal", terminal);
        ObjectNode u = out.putObject("user");
        u.put("uid", user.uid());
        u.put("gid", user.gid());
        if (!user.additionalGids().isEmpty()) {
            ArrayNode gids = u.putArray("additionalGids");
            user.additionalGids().forEach(gids::add);
        }
        strings(out.putArray("args"), args);
        strings(out.putArray("env"), env);
        out.put("cwd", cwd);
        // inheritable and ambient stay empty: a non-root user must not gain capabilities through exec
        ObjectNode caps = out.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            strings(caps.putArray(set), capabilities);
        }
        ArrayNode limits = out.putArray("rlimits");
        for (Rlimits.Rlimit r : rlimits) {
            ObjectNode l = limits.addObject();
            l.put("type", r.type());
            l.put("hard", unsigned(r.hard()));
            l.put("soft", unsigned(r.soft()));
        }
        out.put("noNewPrivileges", noNewPrivileges);
        return out;
    }

    private static BigInteger unsigned(long value) {
        return value < 0 ? UNLIMITED : BigInteger.valueOf(value);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
