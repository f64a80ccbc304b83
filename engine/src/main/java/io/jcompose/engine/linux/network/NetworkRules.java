package io.jcompose.engine.linux.network;

import io.jcompose.engine.linux.network.Firewall.Chain;
import io.jcompose.engine.linux.network.Firewall.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * The firewall rules of one network. Drops are complete conditions on top of our FORWARD chain, accepts below them,
 * so isolation holds whatever order networks were made in, and whatever policy FORWARD has (Docker sets DROP).
 */
final class NetworkRules {

    private NetworkRules() {
    }

    static List<Rule> of(BridgeNetwork n) {
        String b = n.bridge();
        List<Rule> rules = new ArrayList<>();
        // nothing new enters the bridge from elsewhere (another network, the outside) unless DNATed to a published
        // port: isolation between networks
        rules.add(new Rule(Chain.FORWARD, true, "! -i " + b + " -o " + b
                + " -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT", "-j DROP"));
        if (n.internal()) {
            rules.add(new Rule(Chain.FORWARD, true, "-i " + b + " ! -o " + b, "-j DROP"));
        }
        rules.add(new Rule(Chain.FORWARD, false, "-o " + b + " -m conntrack --ctstate RELATED,ESTABLISHED,DNAT",
                "-j ACCEPT"));
        rules.add(new Rule(Chain.FORWARD, false, "-i " + b + " -o " + b, "-j ACCEPT"));
        if (!n.internal()) {
            rules.add(new Rule(Chain.FORWARD, false, "-i " + b + " ! -o " + b, "-j ACCEPT"));
        }
        // the embedded DNS server listens on the gateway address
        rules.add(new Rule(Chain.INPUT, false, "-i " + b + " -p udp -m udp --dport 53", "-j ACCEPT"));
        rules.add(new Rule(Chain.INPUT, false, "-i " + b + " -p tcp -m tcp --dport 53", "-j ACCEPT"));
        // route_localnet is on for the bridge (loopback publishing): containers must not reach the host's loopback
        // services with forged 127.x destinations
        rules.add(new Rule(Chain.INPUT, true, "-i " + b + " -d 127.0.0.0/8 -m conntrack ! --ctstate"
                + " RELATED,ESTABLISHED", "-j DROP"));
        if (n.internal()) {
            // an internal network reaches the gateway (DNS) and nothing else of the host
            rules.add(new Rule(Chain.INPUT, true, "-i " + b + " ! -d " + n.gateway() + "/32", "-j DROP"));
        }
        if (!n.internal()) {
            rules.add(new Rule(Chain.POSTROUTING, false, "-s " + n.subnet() + " ! -o " + b, "-j MASQUERADE"));
        }
        // connections from the host's loopback to published ports leave with the gateway address instead
        rules.add(new Rule(Chain.POSTROUTING, false, "-s 127.0.0.0/8 -o " + b, "-j MASQUERADE"));
        return rules;
    }
}
