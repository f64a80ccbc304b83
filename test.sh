#!/usr/bin/env bash
# Runs the whole test suite: unit tests of every module, then the end-to-end tests under src/test.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
source scripts/env.sh

scripts/install-packages.sh maven
mvn -B -ntp verify "$@"
