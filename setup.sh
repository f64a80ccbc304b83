#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (run as root): installs what jcompose needs, builds it, makes the fixture
# images from Debian packages, and runs samples/host-web on the built-in runtime (no Docker daemon involved).
# Java 25 must be present: JAVA_HOME, or Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
source scripts/env.sh

scripts/install-packages.sh maven runc crun conmon tini busybox-static mmdebstrap procps
echo "==> building jcompose"
mvn -q -B package -DskipTests
echo "==> fixture images from Debian packages, into the built-in store"
scripts/fixture-images.sh --no-docker >/dev/null
scripts/fixture-images-jcompose.sh
echo "==> jcompose up -d on samples/host-web (built-in runtime)"
(cd samples/host-web && ../../bin/jcompose --backend linux up -d && ../../bin/jcompose --backend linux ps)
echo
echo "jcompose is ready: $(pwd)/bin/jcompose (add $(pwd)/bin to PATH)"
echo "samples/host-web answers on http://127.0.0.1:8080/; stop it with: (cd samples/host-web && ../../bin/jcompose down -v)"
