package io.jcompose.model.canonical;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.source.SchemaException;
import io.jcompose.model.source.SourceLocation;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ports} short syntax ({@code [[HOST_IP:]PUBLISHED:]TARGET[/PROTOCOL]}, with ranges) to the long form
 * {@code {mode, host_ip, target, published, protocol}}; equal-length ranges expand to one entry per port.
 */
final class PortsTransformer {

    private static final String EXPECTED = "expected [[HOST_IP:]PUBLISHED:]TARGET[/PROTOCOL]";
    private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?");

    private PortsTransformer() {
    }

    static YamlNode transform(YamlNode node, KeyPath path) {
        if (!(node instanceof YamlList list)) {
            return node;
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            YamlNode item = list.items().get(i);
            if (item instanceof YamlScalar s && s.text().indexOf('$') < 0) {
                out.addAll(parse(s.text(), s.location(), path.index(i)));
            } else if (item instanceof YamlMap m) {
                out.add(longForm(m, path.index(i)));
            } else {
                out.add(item); // a value still holding $ was left uninterpolated on purpose
            }
        }
        return list.withItems(out);
    }

    private static YamlNode longForm(YamlMap original, KeyPath path) {
        YamlMap map = original;
        if (map.get("host_ip").orElse(null) instanceof YamlScalar ip && !ip.isNull() && ip.text().indexOf('$') < 0
                && !IpAddresses.isLiteral(ip.text())) {
            throw new SchemaException(Problem.at(ip.location(), path.child("host_ip"),
                    "invalid IP address \"" + ip.text() + "\" (expected an IPv4 or IPv6 address)"));
        }
        if (!map.has("mode")) {
            map = map.with("mode", YamlScalar.of("ingress", original.location()));
        }
        if (!map.has("protocol")) {
            map = map.with("protocol", YamlScalar.of("tcp", original.location()));
        }
        // published is a string in the canonical form, since it may be a range
        if (map.get("published").orElse(null) instanceof YamlScalar published && !published.isNull()) {
            map = map.with("published", YamlScalar.of(published.text(), published.location()));
        }
        return map;
    }

    /**
     * Parses one short port like docker's own parser: the last part is the container port (with an optional
     * protocol), the one before it the host port, and everything before that the host IP, so {@code ::1:80:80}
     * and {@code [::1]:80:80} both bind to {@code ::1}.
     */
    static List<YamlNode> parse(String spec, SourceLocation at, KeyPath path) {
        String[] parts = spec.strip().split(":", -1);
        int n = parts.length;
        String hostPort = n >= 2 ? parts[n - 2] : "";
        String hostIp = n >= 3 ? String.join(":", java.util.Arrays.asList(parts).subList(0, n - 2)) : "";
        String[] protoParts = parts[n - 1].split("/", -1);
        String target = protoParts[0];
        String protocol = protoParts.length > 1 && !protoParts[1].isEmpty()
                ? protoParts[1].toLowerCase(java.util.Locale.ROOT) : "tcp";
        if (target.isEmpty()) {
            throw invalid(spec, at, path, "no container port: " + EXPECTED);
        }
        if (hostIp.startsWith("[") && hostIp.endsWith("]")) {
            hostIp = hostIp.substring(1, hostIp.length() - 1);
        }
        if (!hostIp.isEmpty() && !IpAddresses.isLiteral(hostIp)) {
            throw invalid(spec, at, path, "\"" + hostIp + "\" is not an IP address");
        }
        if (!List.of("tcp", "udp", "sctp").contains(protocol)) {
            throw invalid(spec, at, path, "unknown protocol \"" + protoParts[1] + "\", expected tcp, udp or sctp");
        }
        return expand(spec, at, path, hostIp, hostPort, target, protocol);
    }

    private static List<YamlNode> expand(String spec, SourceLocation at, KeyPath path, String hostIp,
                                         String published, String target, String protocol) {
        int[] targets = range(target, spec, at, path);
        int[] hosts = published.isEmpty() ? null : range(published, spec, at, path);
        int targetCount = targets[1] - targets[0] + 1;
        if (hosts != null && targetCount > 1 && hosts[1] - hosts[0] + 1 != targetCount) {
            throw invalid(spec, at, path, "the published and target ranges differ in length");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < targetCount; i++) {
            order.add(i);
        }
        // docker sorts the ports of one specification as text ("100/tcp" before "98/tcp"); so does compose
        order.sort((a, b) -> String.valueOf(targets[0] + a).compareTo(String.valueOf(targets[0] + b)));
        List<YamlNode> out = new ArrayList<>();
        for (int i : order) {
            String pub = "";
            if (hosts != null) {
                pub = targetCount > 1 || hosts[0] == hosts[1] ? String.valueOf(hosts[0] + i)
                        : hosts[0] + "-" + hosts[1];
            }
            out.add(entry(at, hostIp, targets[0] + i, pub, protocol));
        }
        return out;
    }

    private static YamlNode entry(SourceLocation at, String hostIp, int target, String published,
                                  String protocol) {
        YamlMap.Builder map = YamlMap.builder(at).put("mode", YamlScalar.of("ingress", at));
        if (!hostIp.isEmpty()) {
            map.put("host_ip", YamlScalar.of(hostIp, at));
        }
        map.put("target", YamlScalar.of((long) target, at));
        if (!published.isEmpty()) {
            map.put("published", YamlScalar.of(published, at));
        }
        return map.put("protocol", YamlScalar.of(protocol, at)).build();
    }

    private static int[] range(String text, String spec, SourceLocation at, KeyPath path) {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw invalid(spec, at, path, EXPECTED);
        }
        try {
            int low = Integer.parseInt(m.group(1));
            int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
            if (low < 0 || high > 65535 || high < low) {
                throw invalid(spec, at, path, "ports are 0-65535 and ranges go low-high");
            }
            return new int[] {low, high};
        } catch (NumberFormatException e) {
            throw invalid(spec, at, path, EXPECTED);
        }
    }

    private static SchemaException invalid(String spec, SourceLocation at, KeyPath path, String why) {
        return new SchemaException(Problem.at(at, path, "invalid port \"" + spec + "\" (" + why + ")"));
    }
}
