#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (run as root): installs what jcompose needs, builds it, makes the fixture
# images from Debian packages, and runs samples/flask-redis on the built-in runtime (no Docker daemon involved):
# the web image is built from its Dockerfile, redis comes from the fixtures, the page counter answers on :5001.
# Java 25 must be present: JAVA_HOME, or Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
source scripts/env.sh

scripts/install-packages.sh maven gcc runc crun tini busybox-static mmdebstrap procps iproute2 iptables curl
echo "==> building jcompose"
mvn -q -B package -DskipTests
echo "==> fixture images from Debian packages, into the built-in store"
scripts/fixture-images.sh --no-docker >/dev/null
scripts/fixture-images-jcompose.sh
echo "==> jcompose up -d --build on samples/flask-redis (built-in runtime)"
(cd samples/flask-redis && ../../bin/jcompose --backend linux up -d --build && ../../bin/jcompose --backend linux ps)
for i in $(seq 1 30); do curl -fsS http://127.0.0.1:5001/ 2>/dev/null && break; sleep 0.5; done
echo
echo "jcompose is ready: $(pwd)/bin/jcompose (add $(pwd)/bin to PATH)"
echo "samples/flask-redis counts visits on http://127.0.0.1:5001/; stop it with:"
echo "  (cd samples/flask-redis && ../../bin/jcompose down -v)"
