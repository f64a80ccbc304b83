#!/usr/bin/env python3
"""Writes a compose file with N services that use most short syntaxes (ports, volumes, env, depends_on, ...)."""
import sys

n = int(sys.argv[1])
out = ["services:"]
for i in range(n):
    out += [
        f"  svc{i}:",
        f"    image: \"registry.local/app{i % 7}:${{TAG:-1.{i % 5}}}\"",
        f"    command: sh -c 'echo service {i}; sleep 3600'",
        "    environment:",
        f"      - INDEX={i}",
        "      - MODE=bench",
        "    labels:",
        f"      team: t{i % 3}",
        "    ports:",
        f"      - \"{10000 + i}:80\"",
        "    volumes:",
        f"      - data{i % 10}:/data",
        "      - ./conf:/etc/conf:ro",
        "    restart: unless-stopped",
        "    healthcheck:",
        "      test: wget -q -O /dev/null http://localhost/",
        "      interval: 10s",
    ]
    if i > 0:
        out += ["    depends_on:", f"      - svc{(i * 7) % i}"]
out.append("volumes:")
for v in range(10):
    out.append(f"  data{v}: {{}}")
print("\n".join(out))
