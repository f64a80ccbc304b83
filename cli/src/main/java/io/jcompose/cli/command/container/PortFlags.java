package io.jcompose.cli.command.container;

import io.jcompose.cli.UsageException;
import io.jcompose.engine.spi.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code -p [IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTO]} as {@code docker run} reads it. */
final class PortFlags {

    private static final Pattern PUBLISH = Pattern.compile(
            "(?:(?:(\\[[0-9a-fA-F:]+]|[0-9.]+):)?(\\d*(?:-\\d+)?):)?(\\d+(?:-\\d+)?)(?:/(tcp|udp|sctp))?");

    private PortFlags() {
    }

    static List<ContainerSpec.PortSpec> parse(List<String> flags) {
        List<ContainerSpec.PortSpec> out = new ArrayList<>();
        for (String flag : flags) {
            Matcher m = PUBLISH.matcher(flag);
            if (!m.matches()) {
                throw new UsageException("invalid argument \"" + flag + "\" for \"-p, --publish\" flag: expected"
                        + " [IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]");
            }
            Optional<String> ip = Optional.ofNullable(m.group(1)).map(s -> s.replaceAll("[\\[\\]]", ""));
            String host = m.group(2) == null ? "" : m.group(2);
            String protocol = m.group(4) == null ? "tcp" : m.group(4);
            int[] target = range(m.group(3), flag);
            int count = target[1] - target[0] + 1;
            if (!host.isEmpty()) {
                int[] published = range(host, flag);
                int hostCount = published[1] - published[0] + 1;
                if (hostCount != count && count != 1) {
                    throw new UsageException("invalid ranges specified for container and host ports: " + flag);
                }
                if (count == 1) {
                    // one container port on a host range: any free port of the range
                    out.add(new ContainerSpec.PortSpec(target[0], protocol, ip, Optional.of(host)));
                    continue;
                }
                for (int i = 0; i < count; i++) {
                    out.add(new ContainerSpec.PortSpec(target[0] + i, protocol, ip,
                            Optional.of(Integer.toString(published[0] + i))));
                }
                continue;
            }
            for (int p = target[0]; p <= target[1]; p++) {
                out.add(new ContainerSpec.PortSpec(p, protocol, ip, Optional.empty()));
            }
        }
        return out;
    }

    /** {@code 80/tcp}, {@code 53/udp} or {@code 80}: one exposed port, published on any free host port. */
    static ContainerSpec.PortSpec exposed(String port) {
        int slash = port.indexOf('/');
        String number = slash < 0 ? port : port.substring(0, slash);
        if (!number.matches("\\d+")) {
            throw new UsageException("invalid port \"" + port + "\"");
        }
        return new ContainerSpec.PortSpec(Integer.parseInt(number), slash < 0 ? "tcp" : port.substring(slash + 1),
                Optional.empty(), Optional.empty());
    }

    private static int[] range(String text, String flag) {
        int dash = text.indexOf('-');
        int start = Integer.parseInt(dash < 0 ? text : text.substring(0, dash));
        int end = dash < 0 ? start : Integer.parseInt(text.substring(dash + 1));
        if (start < 1 || end > 65535 || end < start) {
            throw new UsageException("invalid port range in \"" + flag + "\"");
        }
        return new int[] {start, end};
    }
}
