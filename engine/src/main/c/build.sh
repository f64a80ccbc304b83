#!/bin/bash
# Compiles the container monitor into the engine's classes: bash build.sh OUT. The built-in runtime cannot start a
# container without it (see jcompose-monitor.c), so a missing C compiler fails the build with the command that
# installs one.
set -euo pipefail
if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: bash build.sh OUT" >&2
  exit 2
fi
out=$1
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/jcompose-monitor.c"
compiler=
for candidate in cc gcc; do
  if command -v "$candidate" >/dev/null 2>&1; then
    compiler=$candidate
    break
  fi
done
if [ -z "$compiler" ]; then
  echo "jcompose: building the container monitor needs a C compiler: apt-get install -y gcc" >&2
  exit 1
fi
# skipped when OUT is newer than the source: an incremental build does not recompile it
[ -x "$out" ] && [ "$out" -nt "$src" ] && exit 0
mkdir -p "$(dirname "$out")"
# next to OUT, so that the rename is atomic: a test running meanwhile sees the old binary or the new, never half
tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
"$compiler" -O2 -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE -o "$tmp" "$src"
chmod 755 "$tmp"
mv -f "$tmp" "$out"
trap - EXIT
