package io.jcompose.engine.linux.network;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where networks without an IPAM subnet get theirs: the first /24 of a few private ranges that nothing else uses. */
public final class SubnetPool {

    /**
     * Ranges Docker does not start from (it takes 172.17-31/16 and 192.168/16 first), so the two rarely compete;
     * when they do, whoever comes second sees the other's route and moves on.
     */
    public static final List<Subnet> DEFAULT_RANGES = List.of(Subnet.parse("10.210.0.0/16"),
            Subnet.parse("10.211.0.0/16"), Subnet.parse("10.212.0.0/16"), Subnet.parse("172.30.0.0/16"),
            Subnet.parse("192.168.224.0/19"));

    private final List<Subnet> ranges;
    private final int prefix;

    public SubnetPool(List<Subnet> ranges, int prefix) {
        this.ranges = List.copyOf(ranges);
        this.prefix = prefix;
    }

    public static SubnetPool standard() {
        return new SubnetPool(DEFAULT_RANGES, 24);
    }

    /** The first subnet that overlaps none of {@code taken} (host routes, Docker's networks, our networks). */
    public Optional<Subnet> pick(Collection<Subnet> taken) {
        for (Subnet range : ranges) {
            long step = 1L << (32 - prefix);
            for (long offset = 0; offset < range.size(); offset += step) {
                Subnet candidate = new Subnet((int) (range.base() + offset), prefix);
                if (taken.stream().noneMatch(candidate::overlaps)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
