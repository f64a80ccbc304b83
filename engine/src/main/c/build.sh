#!/bin/bash
# Compiles the container monitor into the engine's classes: bash build.sh OUT. The built-in runtime cannot start a
# container without it (see jcompose-monitor.c), so a missing C compiler fails the build.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../../../../build-support/c/compile-c.sh"
compile_c "$here/jcompose-monitor.c" "" "$@"
