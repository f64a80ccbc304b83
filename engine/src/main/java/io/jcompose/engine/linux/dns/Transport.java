package io.jcompose.engine.linux.dns;

/** How a query came in, and so how it is forwarded and how long its answer may be. */
public enum Transport {
    UDP,
    TCP
}
