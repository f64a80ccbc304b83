#!/bin/bash
# Compiles the standby JVM client: bash build.sh OUT. Without a C compiler it removes any old OUT and succeeds:
# bin/jcompose then starts a JVM for every command, as it did before the client existed.
set -euo pipefail
if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: bash build.sh OUT" >&2
  exit 2
fi
out=$1
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/jcompose-client.c"

compiler=
for candidate in cc gcc; do
  if command -v "$candidate" >/dev/null 2>&1; then
    compiler=$candidate
    break
  fi
done
if [ -z "$compiler" ]; then
  echo "jcompose: no C compiler (apt-get install gcc): bin/jcompose will start a JVM for every command" >&2
  rm -f "$out"
  exit 0
fi

mkdir -p "$(dirname "$out")"
# Next to OUT so that the rename is atomic: a launcher running meanwhile sees the old binary or the new, never half.
tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
"$compiler" -O2 -Wall -Wextra -std=c11 -D_GNU_SOURCE -o "$tmp" "$src"
chmod 755 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
