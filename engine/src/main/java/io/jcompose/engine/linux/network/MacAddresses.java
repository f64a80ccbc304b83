package io.jcompose.engine.linux.network;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** MAC addresses as Docker makes them: {@code 02:42} (locally administered, unicast) followed by the IPv4 address. */
public final class MacAddresses {

    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

    private MacAddresses() {
    }

    /** Derived from the address, so an address keeps its MAC and neighbours' ARP caches stay right. */
    public static String forAddress(int ipv4) {
        return "02:42:" + HexFormat.ofDelimiter(":").formatHex(new byte[] {(byte) (ipv4 >>> 24),
                (byte) (ipv4 >>> 16), (byte) (ipv4 >>> 8), (byte) ipv4});
    }

    /** A given MAC, lower-cased; a multicast one (low bit of the first octet) cannot be an interface's. */
    public static String checked(String mac) {
        if (!MAC.matcher(mac).matches() || (Integer.parseInt(mac.substring(0, 2), 16) & 1) != 0) {
            throw new IllegalArgumentException("invalid MAC address " + mac);
        }
        return mac.toLowerCase(Locale.ROOT);
    }
}
