#!/usr/bin/env bash
# Runs the whole test suite: unit and property tests of every module, then the end-to-end tests under src/test,
# which drive real containers on the built-in runtime (runc/crun, overlayfs) and on a Docker daemon
# (started here if needed), with fixture images made from Debian packages. Run as root on Debian 12.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
source scripts/env.sh

scripts/install-packages.sh maven gcc python3 util-linux docker-registry runc crun tini procps iproute2 iptables
scripts/start-dockerd.sh
scripts/fixture-images.sh
# Testcontainers-style helpers must not try to reach a registry: everything the tests use is local
export TESTCONTAINERS_RYUK_DISABLED=true
mvn -B -ntp verify "$@"
