package io.jcompose.engine.linux.dns;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

/**
 * Who answers for which names on one network: given by the caller and asked on every query, because it reads a store
 * that changes as containers come and go (so the server keeps no answer beyond the query that asked).
 */
public interface NameTable {

    /**
     * The IPv4 addresses {@code name} has on this server's network; an empty list means the name is not ours and the
     * query is forwarded. The server passes the name in lower case, without a trailing dot; the table should compare
     * names ignoring ASCII case all the same (container names may carry capitals).
     */
    List<Inet4Address> lookup(String name);

    /**
     * The same for a query from {@code client}: a table that knows which container asks may also answer with the
     * peers it shares other networks with, as Docker's resolver does for a container on several networks.
     */
    default List<Inet4Address> lookup(String name, java.net.InetAddress client) {
        return lookup(name);
    }

    /** For PTR: the name of the container with this address on this network, if any. */
    Optional<String> reverse(Inet4Address address);
}
