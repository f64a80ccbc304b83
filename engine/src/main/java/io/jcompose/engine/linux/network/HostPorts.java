package io.jcompose.engine.linux.network;

import java.util.Optional;

/** The host side of a published port: one port, a range to pick a free one from, or any free port. */
public record HostPorts(int first, int last) {

    public static final HostPorts ANY = new HostPorts(0, 0);

    public HostPorts {
        if (first == 0 != (last == 0) || first < 0 || last > 65535 || first > last) {
            throw new IllegalArgumentException("invalid host port range " + first + "-" + last);
        }
    }

    /** {@code 8080}, {@code 8000-8002}; empty or {@code 0}: any free port. */
    public static HostPorts parse(Optional<String> spec) {
        String s = spec.map(String::trim).orElse("");
        if (s.isEmpty() || s.equals("0")) {
            return ANY;
        }
        int dash = s.indexOf('-');
        try {
            int first = Integer.parseInt(dash < 0 ? s : s.substring(0, dash));
            int last = dash < 0 ? first : Integer.parseInt(s.substring(dash + 1));
            if (first < 1 || last > 65535 || first > last) {
                throw new IllegalArgumentException("invalid host port " + s);
            }
            return new HostPorts(first, last);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid host port " + s);
        }
    }

    public boolean any() {
        return first == 0;
    }

    public boolean contains(int port) {
        return any() || port >= first && port <= last;
    }

    @Override
    public String toString() {
        return any() ? "" : first == last ? Integer.toString(first) : first + "-" + last;
    }
}
