package io.jcompose.model.canonical;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Recognises IPv4 and IPv6 literals without ever asking a resolver (a host name is not an address). */
final class IpAddresses {

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {
    }

    static boolean isLiteral(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (!text.contains(":") || text.startsWith(".") || !IPV6_CHARS.matcher(text).matches()) {
            return false;
        }
        try {
            // a text with a colon is parsed as an IPv6 literal only, never looked up
            return InetAddress.getByName(text) instanceof Inet6Address || text.contains(".");
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
