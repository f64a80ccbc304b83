package io.jcompose.engine.linux.oci;

import io.jcompose.engine.spi.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The contents of the {@code /etc/hostname}, {@code /etc/hosts} and {@code /etc/resolv.conf} Docker generates for
 * a container. Pure text in, text out: the caller writes the files (in place, so running containers see updates).
 */
public final class EtcFiles {

    /** What Docker falls back to when none of the host's name servers is reachable from the container. */
    static final List<String> FALLBACK_NAMESERVERS = List.of("8.8.8.8", "8.8.4.4");
    private static final Pattern LOOPBACK_NAMESERVER = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|::1");
    private static final String HOST_GATEWAY = "host-gateway";

    private EtcFiles() {
    }

    /**
     * The container's hostname: the service's {@code hostname}, else the host's with {@code network_mode: host},
     * else the first 12 characters of the container id.
     */
    public static String hostname(ContainerSpec spec, String containerId, boolean hostNetwork, HostFacts host) {
        return spec.hostname().filter(h -> !h.isEmpty())
                .orElseGet(() -> hostNetwork ? host.hostname()
                        : containerId.substring(0, Math.min(12, containerId.length())));
    }

    public static String hostnameFile(String hostname) {
        return hostname + "\n";
    }

    /**
     * The hosts file of a container with a network namespace of its own: localhost and the usual IPv6 names, the
     * {@code extra_hosts} ({@code name:ip} or {@code name=ip}, {@code host-gateway} standing for
     * {@code hostGateway}), then the container's own address under its name when it has one.
     */
    public static String hosts(List<String> extraHosts, Optional<String> hostGateway, Optional<String> ownAddress,
                               String hostname, Optional<String> domainname) {
        StringBuilder out = new StringBuilder();
        out.append("127.0.0.1\tlocalhost\n");
        out.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        out.append("fe00::0\tip6-localnet\n");
        out.append("ff00::0\tip6-mcastprefix\n");
        out.append("ff02::1\tip6-allnodes\n");
        out.append("ff02::2\tip6-allrouters\n");
        appendExtraHosts(out, extraHosts, hostGateway);
        ownAddress.filter(a -> !a.isEmpty()).ifPresent(address -> {
            String fqdn = domainname.filter(d -> !d.isEmpty()).map(d -> hostname + "." + d).orElse(hostname);
            int dot = fqdn.indexOf('.');
            out.append(address).append('\t').append(dot > 0 ? fqdn + " " + fqdn.substring(0, dot) : fqdn)
                    .append('\n');
        });
        return out.toString();
    }

    /** With {@code network_mode: host} the container sees the host's hosts file, plus its {@code extra_hosts}. */
    public static String hostsForHostNetwork(String hostHostsFile, List<String> extraHosts,
                                             Optional<String> hostGateway) {
        StringBuilder out = new StringBuilder(hostHostsFile);
        if (!hostHostsFile.isEmpty() && !hostHostsFile.endsWith("\n")) {
            out.append('\n');
        }
        appendExtraHosts(out, extraHosts, hostGateway);
        return out.toString();
    }

    private static void appendExtraHosts(StringBuilder out, List<String> extraHosts, Optional<String> hostGateway) {
        for (String entry : extraHosts) {
            // the name never holds ':' or '=', the address may (IPv6): split at the first of them
            int sep = firstSeparator(entry);
            if (sep <= 0 || sep == entry.length() - 1) {
                throw new OciConfigException("extra_hosts: invalid entry \"" + entry + "\" (expected name:ip)");
            }
            String name = entry.substring(0, sep).strip();
            String address = entry.substring(sep + 1).strip();
            if (address.startsWith("[") && address.endsWith("]")) {
                address = address.substring(1, address.length() - 1);
            }
            if (address.equals(HOST_GATEWAY)) {
                address = hostGateway.orElseThrow(() -> new OciConfigException("extra_hosts: \"" + entry
                        + "\" uses host-gateway, but this container's network has no gateway address"));
            }
            if (!address.matches("[0-9A-Fa-f:.%a-zA-Z]+")) {
                throw new OciConfigException("extra_hosts: invalid address in \"" + entry + "\"");
            }
            out.append(address).append('\t').append(name).append('\n');
        }
    }

    private static int firstSeparator(String entry) {
        int colon = entry.indexOf(':');
        int eq = entry.indexOf('=');
        return colon < 0 ? eq : eq < 0 ? colon : Math.min(colon, eq);
    }

    /**
     * The resolv.conf of a container. With the host's network and no {@code dns*} settings it is the host's file
     * as is. Otherwise {@code dns}, {@code dns_search} and {@code dns_opt} replace the host's name servers, search
     * domains and options where given; in a private network namespace the host's loopback name servers are
     * unreachable and dropped, and Google's public ones stand in if none are left, as Docker does.
     */
    public static String resolvConf(String hostResolvConf, List<String> dns, List<String> dnsSearch,
                                    List<String> dnsOptions, boolean hostNetwork) {
        boolean overridden = !dns.isEmpty() || !dnsSearch.isEmpty() || !dnsOptions.isEmpty();
        if (hostNetwork && !overridden) {
            return hostResolvConf;
        }
        if (!overridden) {
            return dropLoopbackNameservers(hostResolvConf);
        }
        List<String> nameservers = dns.isEmpty() ? hostNameservers(hostResolvConf, !hostNetwork) : dns;
        if (nameservers.isEmpty() && !hostNetwork) {
            nameservers = FALLBACK_NAMESERVERS;
        }
        List<String> search = dnsSearch.isEmpty() ? lastValues(hostResolvConf, "search", "domain") : dnsSearch;
        List<String> options = dnsOptions.isEmpty() ? allValues(hostResolvConf, "options") : dnsOptions;
        StringBuilder out = new StringBuilder();
        String searchLine = String.join(" ", search).strip();
        // "." is how one says "no search domains" in compose
        if (!searchLine.isEmpty() && !searchLine.equals(".")) {
            out.append("search ").append(searchLine).append('\n');
        }
        nameservers.forEach(n -> out.append("nameserver ").append(n).append('\n'));
        if (!options.isEmpty()) {
            out.append("options ").append(String.join(" ", options)).append('\n');
        }
        return out.toString();
    }

    private static String dropLoopbackNameservers(String text) {
        StringBuilder out = new StringBuilder();
        boolean anyLeft = false;
        for (String line : text.split("\n")) {
            Optional<String> server = nameserver(line);
            if (server.isPresent() && LOOPBACK_NAMESERVER.matcher(server.get()).matches()) {
                continue;
            }
            anyLeft |= server.isPresent();
            out.append(line).append('\n');
        }
        if (!anyLeft) {
            FALLBACK_NAMESERVERS.forEach(n -> out.append("nameserver ").append(n).append('\n'));
        }
        return out.toString();
    }

    private static List<String> hostNameservers(String text, boolean dropLoopback) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            nameserver(line).filter(s -> !dropLoopback || !LOOPBACK_NAMESERVER.matcher(s).matches())
                    .ifPresent(out::add);
        }
        return out;
    }

    private static Optional<String> nameserver(String line) {
        String[] words = line.strip().split("\\s+");
        return words.length >= 2 && words[0].equals("nameserver") ? Optional.of(words[1]) : Optional.empty();
    }

    /** The values of the last line starting with one of {@code keys} (the resolver uses the last one). */
    private static List<String> lastValues(String text, String... keys) {
        List<String> out = List.of();
        for (String line : text.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 2 && List.of(keys).contains(words[0])) {
                out = List.of(words).subList(1, words.length);
            }
        }
        return out;
    }

    private static List<String> allValues(String text, String key) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 2 && words[0].equals(key)) {
                out.addAll(List.of(words).subList(1, words.length));
            }
        }
        return out;
    }
}
