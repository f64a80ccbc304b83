#!/bin/bash
# Compiles the standby JVM client: bash build.sh OUT. Without a C compiler it removes any old OUT and succeeds:
# bin/jcompose then starts a JVM for every command, as it did before the client existed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../../../../build-support/c/compile-c.sh"
compile_c "$here/jcompose-client.c" "no C compiler (apt-get install gcc): bin/jcompose will start a JVM for every command" "$@"
