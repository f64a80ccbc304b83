package io.jcompose.engine.linux.network;

import io.jcompose.engine.spi.RuntimeFailureException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our iptables rules, next to Docker's: only in chains of our own, each jumped to from the top of a built-in chain,
 * every rule tagged with a comment ({@code jcompose:<bridge>} for a network, {@code jcompose:<container id 12>} for
 * published ports) so that exactly those can be removed, by this process or a later one. Changes of one tag go in
 * one {@code iptables-restore} batch per table: atomic, and a few calls instead of one per rule.
 * Callers hold the store's network lock.
 */
final class Firewall {

    /** Our chains, the table they live in and the built-in chain that jumps to them. */
    enum Chain {
        FORWARD("filter", "FORWARD"), INPUT("filter", "INPUT"), PREROUTING("nat", "PREROUTING"),
        OUTPUT("nat", "OUTPUT"), POSTROUTING("nat", "POSTROUTING");

        final String table;
        final String builtin;

        Chain(String table, String builtin) {
            this.table = table;
            this.builtin = builtin;
        }

        String ours() {
            return "JCOMPOSE-" + builtin;
        }
    }

    /**
     * One rule: its matches and target ({@code -j ...}); {@code top} rules are inserted first in the chain, the
     * others appended. Drops go on top and accepts at the bottom, so every drop is seen before any accept whatever
     * order networks were made in.
     */
    record Rule(Chain chain, boolean top, String match, String target) {
    }

    private static final List<String> TABLES = List.of("filter", "nat");
    private static final Pattern SOURCE = Pattern.compile("-s (\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+)");

    private final Commands commands;

    Firewall(Commands commands) {
        this.commands = commands;
    }

    /** Replaces every rule tagged {@code tag} by {@code rules} (none: removes them), creating our chains if needed. */
    void replace(String tag, List<Rule> rules) {
        replace(snapshot(), tag, rules);
    }

    /** Like {@link #replace} but does nothing when our chains, their jumps and as many rules of the tag are there. */
    void ensure(String tag, List<Rule> rules) {
        Snapshot snapshot = snapshot();
        boolean complete = snapshot.tagged("filter", tag).size() + snapshot.tagged("nat", tag).size() == rules.size()
                && java.util.Arrays.stream(Chain.values()).allMatch(c -> snapshot.text(c.table)
                        .contains("\n-A " + c.builtin + " -j " + c.ours() + "\n"));
        if (!complete) {
            replace(snapshot, tag, rules);
        }
    }

    private void replace(Snapshot snapshot, String tag, List<Rule> rules) {
        if (!rules.isEmpty()) {
            ensureChains(snapshot);
        }
        for (String table : TABLES) {
            StringBuilder batch = new StringBuilder();
            for (String line : snapshot.tagged(table, tag)) {
                batch.append("-D").append(line.substring(2)).append('\n');
            }
            for (Rule r : rules) {
                if (r.chain().table.equals(table)) {
                    batch.append(r.top() ? "-I " + r.chain().ours() + " 1 " : "-A " + r.chain().ours() + " ")
                            .append(r.match()).append(" -m comment --comment jcompose:").append(tag).append(' ')
                            .append(r.target()).append('\n');
                }
            }
            if (!batch.isEmpty()) {
                commands.check(List.of("iptables-restore", "-w", "10", "--noflush"),
                        "*" + table + "\n" + batch + "COMMIT\n");
            }
        }
    }

    void remove(String tag) {
        replace(tag, List.of());
    }

    /** The rules tagged {@code tag}, as iptables-save prints them. */
    List<String> tagged(String tag) {
        Snapshot snapshot = snapshot();
        List<String> out = new ArrayList<>();
        for (String table : TABLES) {
            out.addAll(snapshot.tagged(table, tag));
        }
        return out;
    }

    /** The rules of one of our chains, as iptables-save prints them. */
    List<String> lines(Chain chain) {
        return commands.check(List.of("iptables-save", "-t", chain.table)).lines()
                .filter(l -> l.startsWith("-A " + chain.ours() + " ")).toList();
    }

    /** Every tag on our rules (for leak checks). */
    List<String> tags() {
        Snapshot snapshot = snapshot();
        Pattern comment = Pattern.compile("--comment \"?jcompose:([^\" ]+)\"?");
        List<String> out = new ArrayList<>();
        for (String line : snapshot.ours()) {
            Matcher m = comment.matcher(line);
            if (m.find() && !out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Sources that someone (Docker, for its networks even when their bridge is down) masquerades: taken subnets. */
    List<Subnet> masqueradedSources() {
        List<Subnet> out = new ArrayList<>();
        for (String line : commands.check(List.of("iptables-save", "-t", "nat")).lines().toList()) {
            if (line.startsWith("-A ") && line.contains("-j MASQUERADE")) {
                Matcher m = SOURCE.matcher(line);
                if (m.find() && !m.group(1).startsWith("127.")) {
                    out.add(Subnet.parse(m.group(1)));
                }
            }
        }
        return out;
    }

    private void ensureChains(Snapshot snapshot) {
        for (Chain c : Chain.values()) {
            String text = snapshot.text(c.table);
            if (!text.contains("\n:" + c.ours() + " ")) {
                Commands.Result r = commands.run(List.of("iptables", "-w", "10", "-t", c.table, "-N", c.ours()));
                // another store's process may have made it in the meantime: that is just as good
                if (!r.ok() && !r.complaint().contains("exists")) {
                    throw new RuntimeFailureException("iptables -t " + c.table + " -N " + c.ours() + ": "
                            + r.complaint());
                }
            }
            if (!text.contains("\n-A " + c.builtin + " -j " + c.ours() + "\n")) {
                commands.check(List.of("iptables", "-w", "10", "-t", c.table, "-I", c.builtin, "1", "-j", c.ours()));
            }
        }
    }

    private Snapshot snapshot() {
        return new Snapshot(commands.check(List.of("iptables-save", "-t", "filter")),
                commands.check(List.of("iptables-save", "-t", "nat")));
    }

    /** Both tables as iptables-save printed them. */
    private record Snapshot(String filter, String nat) {
        String text(String table) {
            return table.equals("filter") ? filter : nat;
        }

        List<String> tagged(String table, String tag) {
            Pattern p = Pattern.compile("--comment \"?jcompose:" + Pattern.quote(tag) + "\"?( |$)");
            return text(table).lines().filter(l -> l.startsWith("-A JCOMPOSE-") && p.matcher(l).find()).toList();
        }

        List<String> ours() {
            List<String> out = new ArrayList<>();
            for (String table : TABLES) {
                text(table).lines().filter(l -> l.startsWith("-A JCOMPOSE-")).forEach(out::add);
            }
            return out;
        }
    }
}
