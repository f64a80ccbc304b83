#!/usr/bin/env python3
"""A stack of N busybox services in a dependency chain, on one network, sharing one volume (for up/down timing)."""
import sys

n = int(sys.argv[1])
out = ["services:"]
for i in range(n):
    out += [
        f"  s{i}:",
        "    image: jcompose-fixtures/busybox:latest",
        "    command: sleep 3600",
        "    stop_signal: SIGKILL",
        "    networks: [net]",
        "    volumes: [data:/data]",
    ]
    if i > 0:
        out += ["    depends_on:", f"      - s{i - 1}"]
out += ["networks:", "  net: {}", "volumes:", "  data: {}"]
print("\n".join(out))
