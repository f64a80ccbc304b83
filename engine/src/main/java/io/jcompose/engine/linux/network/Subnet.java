package io.jcompose.engine.linux.network;

/** An IPv4 subnet ({@code base/prefix}), with the address arithmetic that allocation and overlap checks need. */
public record Subnet(int base, int prefix) {

    public Subnet {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("invalid prefix length " + prefix);
        }
        base &= mask(prefix);
    }

    /** {@code 10.1.2.0/24}; a bare address is a /32. Host bits are cleared, as the kernel does for routes. */
    public static Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        int prefix;
        try {
            prefix = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid subnet " + cidr);
        }
        return new Subnet(address(slash < 0 ? cidr : cidr.substring(0, slash)), prefix);
    }

    /** Dotted quad to its 32 bits. */
    public static int address(String dotted) {
        String[] parts = dotted.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("invalid IPv4 address " + dotted);
        }
        int value = 0;
        for (String p : parts) {
            int octet;
            try {
                octet = p.isEmpty() || p.length() > 3 ? -1 : Integer.parseInt(p);
            } catch (NumberFormatException e) {
                octet = -1;
            }
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("invalid IPv4 address " + dotted);
            }
            value = value << 8 | octet;
        }
        return value;
    }

    public static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    /** The broadcast address (the last one). */
    public int last() {
        return base | ~mask(prefix);
    }

    public boolean contains(int address) {
        return (address & mask(prefix)) == base;
    }

    public boolean contains(Subnet other) {
        return other.prefix >= prefix && contains(other.base);
    }

    public boolean overlaps(Subnet other) {
        return contains(other.base) || other.contains(base);
    }

    /** Whether {@code address} may be given to a host: neither the network address nor the broadcast one. */
    public boolean isHost(int address) {
        return contains(address) && (prefix >= 31 || address != base && address != last());
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefix;
    }
}
