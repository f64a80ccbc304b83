#!/usr/bin/env bash
# Imports the fixture images (built by fixture-images.sh, listed in its images.tsv) into the built-in runtime's
# store with `jcompose image import`, each labelled with its tarball's name so that a second run skips it.
# usage: fixture-images-jcompose.sh [JCOMPOSE]   (default: bin/jcompose of this checkout)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
jcompose=${1:-$here/../bin/jcompose}
cache=${JCOMPOSE_FIXTURE_CACHE:-/var/cache/jcompose/fixtures}
list="$cache/images.tsv"
[ -s "$list" ] || "$here/fixture-images.sh" --no-docker >/dev/null
while IFS=$'\t' read -r tar image changes; do
  label=$(basename "$tar")
  have=$("$jcompose" image inspect "$image" 2>/dev/null | grep -o "\"jcompose.fixture\" : \"[^\"]*\"" || true)
  if [ "$have" = "\"jcompose.fixture\" : \"$label\"" ]; then
    continue
  fi
  args=(--change "LABEL jcompose.fixture=$label")
  IFS=$'\t' read -r -a list_of_changes <<<"$changes"
  for c in "${list_of_changes[@]}"; do args+=(--change "$c"); done
  "$jcompose" image import "${args[@]}" "$tar" "$image" >/dev/null
  echo "==> imported $image into the built-in store" >&2
done < "$list"
