#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (run as root): installs what jcompose needs, builds it, and runs a sample.
# Java 25 must be present: JAVA_HOME, or Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
source scripts/env.sh

scripts/install-packages.sh maven
echo "==> building jcompose"
mvn -q -B package -DskipTests
echo "==> jcompose config on samples/flask-redis"
(cd samples/flask-redis && ../../bin/jcompose config)
echo
echo "jcompose is ready: $(pwd)/bin/jcompose (add $(pwd)/bin to PATH)"
