package io.jcompose.engine.linux.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The IPv4 destinations the host routes anywhere (every table): a new network's subnet must overlap none. */
final class HostRoutes {

    /** Route types that ip prints before the destination. */
    private static final Set<String> TYPES = Set.of("unicast", "local", "broadcast", "multicast", "throw",
            "unreachable", "prohibit", "blackhole", "nat", "anycast");

    private HostRoutes() {
    }

    static List<Subnet> read(Commands commands) {
        return parse(commands.check(List.of("ip", "-4", "-o", "route", "show", "table", "all")));
    }

    /** Destinations of {@code ip -4 -o route show} lines; default routes (0/0) cover everything and are skipped. */
    static List<Subnet> parse(String routes) {
        List<Subnet> out = new ArrayList<>();
        for (String line : routes.lines().toList()) {
            String[] words = line.trim().split("\\s+");
            int i = words.length > 1 && TYPES.contains(words[0]) ? 1 : 0;
            String dest = words[i];
            if (dest.isEmpty() || dest.equals("default") || dest.equals("0.0.0.0/0")) {
                continue;
            }
            try {
                out.add(Subnet.parse(dest));
            } catch (IllegalArgumentException e) {
                // not an IPv4 destination: nothing to avoid
            }
        }
        return out;
    }
}
