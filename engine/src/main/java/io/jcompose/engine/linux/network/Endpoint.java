package io.jcompose.engine.linux.network;

/** One container's link to one network. */
public record Endpoint(String network, String ipv4, String mac, String hostVeth) {
}
