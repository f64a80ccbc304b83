package io.jcompose.engine.linux.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Kernel interface names (at most 15 characters): a bridge per network and a host-side veth per endpoint. Names are
 * hashes, so they are stable and do not collide for different inputs; the bridge hash includes the store (its root
 * directory), so two stores on one host (tests, users) with a network of the same name get two bridges.
 */
public final class BridgeNames {

    /** What the kernel accepts (IFNAMSIZ - 1), and the characters that never need quoting in ip or iptables. */
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,14}");

    private BridgeNames() {
    }

    /** {@code jc-} and 12 hex digits of the hash of store and network name. */
    public static String bridge(String store, String network) {
        return "jc-" + hash(store + "\0" + network).substring(0, 12);
    }

    /** {@code jcv} and 12 hex digits of the hash of bridge and container: known again at detach time. */
    public static String hostVeth(String bridge, String containerId) {
        return "jcv" + hash(bridge + "\0" + containerId).substring(0, 12);
    }

    /** A name from {@code com.docker.network.bridge.name}, refused when the kernel (or our firewall rules) would. */
    public static String checked(String name) {
        if (!VALID.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid bridge name \"" + name + "\": at most 15 letters, digits, "
                    + "'_', '.' or '-'");
        }
        return name;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
