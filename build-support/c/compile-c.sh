#!/bin/bash
# What the C programs of jcompose share to build (libc only, so that they build wherever a C compiler exists):
# sourced by each program's build.sh (run as `bash build.sh OUT`), which then calls
#   compile_c SRC WITHOUT_COMPILER "$@"
# WITHOUT_COMPILER is what to say when there is no C compiler: given, the program is optional, so any old OUT is
# removed and the build goes on; empty, the build fails with the command that installs a compiler.
compile_c() {
  if [ $# -ne 3 ] || [ -z "$3" ]; then
    echo "usage: bash build.sh OUT" >&2
    return 2
  fi
  local src=$1 without=$2 out=$3 compiler= candidate tmp
  for candidate in cc gcc; do
    if command -v "$candidate" >/dev/null 2>&1; then
      compiler=$candidate
      break
    fi
  done
  if [ -z "$compiler" ]; then
    if [ -n "$without" ]; then
      echo "jcompose: $without" >&2
      rm -f "$out"
      return 0
    fi
    echo "jcompose: building $(basename "$src") needs a C compiler: apt-get install -y gcc" >&2
    return 1
  fi
  # an incremental build leaves a binary newer than its source alone
  if [ -x "$out" ] && [ "$out" -nt "$src" ]; then
    return 0
  fi
  mkdir -p "$(dirname "$out")"
  # next to OUT, so that the rename is atomic: a process starting it meanwhile sees the old binary or the new
  tmp=$(mktemp "$out.XXXXXX")
  if "$compiler" -O2 -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE -o "$tmp" "$src" && chmod 755 "$tmp"; then
    mv -f "$tmp" "$out"
  else
    rm -f "$tmp"
    return 1
  fi
}
