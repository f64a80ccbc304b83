package io.jcompose.cli.command;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.command.objects.KeyValues;
import io.jcompose.model.Attributes;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The flags of {@code run} turned into the canonical attributes a one-off container is made from. */
final class OneOffs {

    private static final Pattern PORT = Pattern.compile("(?:(?:([0-9.]+):)?(\\d*):)?(\\d+)(?:/(tcp|udp|sctp))?");

    private OneOffs() {
    }

    static Project withService(Project p, Service s) {
        Map<String, Service> services = new LinkedHashMap<>(p.services());
        services.put(s.name(), s);
        return new Project(p.name(), p.workingDir(), p.configFiles(), p.envFiles(), services, p.networks(),
                p.volumes(), p.secrets(), p.configs(), p.disabledServices(), p.environment(), p.document());
    }

    /** {@code KEY=VAL} flags over a mapping attribute; a bare {@code KEY} takes the value from {@code env}. */
    static Map<String, Object> merged(Attributes attributes, String key, List<String> flags, Map<String, String> env) {
        Map<String, Object> out = new LinkedHashMap<>(attributes.stringMap(key));
        out.putAll(KeyValues.withEnvironment(flags, env));
        return out;
    }

    static List<Object> ports(List<String> specs) {
        List<Object> out = new ArrayList<>();
        for (String spec : specs) {
            Matcher m = PORT.matcher(spec);
            if (!m.matches()) {
                throw new UsageException("invalid -p \"" + spec + "\" (expected [[HOST_IP:]HOST_PORT:]CONTAINER_PORT)");
            }
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("mode", "ingress");
            if (m.group(1) != null) {
                port.put("host_ip", m.group(1));
            }
            port.put("target", Long.parseLong(m.group(3)));
            if (m.group(2) != null && !m.group(2).isEmpty()) {
                port.put("published", m.group(2));
            }
            port.put("protocol", m.group(4) == null ? "tcp" : m.group(4));
            out.add(port);
        }
        return out;
    }

    static List<Object> volumes(List<String> specs, Path cwd) {
        List<Object> out = new ArrayList<>();
        for (String spec : specs) {
            String[] parts = spec.split(":");
            if (parts.length < 2) {
                throw new UsageException("invalid -v \"" + spec + "\" (expected SOURCE:TARGET[:ro])");
            }
            Map<String, Object> v = new LinkedHashMap<>();
            boolean bind = parts[0].startsWith("/") || parts[0].startsWith(".") || parts[0].startsWith("~");
            v.put("type", bind ? "bind" : "volume");
            v.put("source", bind ? cwd.resolve(parts[0]).normalize().toString() : parts[0]);
            v.put("target", parts[1]);
            if (parts.length > 2 && parts[2].contains("ro")) {
                v.put("read_only", true);
            }
            out.add(v);
        }
        return out;
    }
}
