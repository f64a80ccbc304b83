package io.jcompose.engine.linux.network;

/** A published port as bound. */
public record PublishedPort(int containerPort, String protocol, String hostIp, int hostPort) {
}
