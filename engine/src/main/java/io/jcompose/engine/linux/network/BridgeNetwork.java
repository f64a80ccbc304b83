package io.jcompose.engine.linux.network;

/** A compose network as the kernel has it. */
public record BridgeNetwork(String name, String id, String bridge, String subnet /* CIDR */, String gateway,
                            boolean internal, int mtu) {
}
