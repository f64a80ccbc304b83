#!/usr/bin/env bash
# Times `config` of jcompose against docker-compose v1 (Debian's docker-compose) on generated files, and the
# start-up of short commands. Prints hyperfine's tables and the ratios. Needs: hyperfine, docker-compose, a build.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
repo="$here/.."
source "$repo/scripts/env.sh"
"$repo/scripts/install-packages.sh" hyperfine docker-compose python3
[ -f "$repo/cli/target/jcompose-cli.jar" ] || (cd "$repo" && mvn -q -B package -DskipTests)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/big" "$work/small"
python3 "$here/generate.py" 500 > "$work/big/compose.yaml"
python3 "$here/generate.py" 3 > "$work/small/compose.yaml"
jc="$repo/bin/jcompose"

run() { hyperfine -N --warmup 3 --runs "${RUNS:-15}" --export-json "$work/$1.json" "${@:2}" >&2; }
mean() { python3 -c "import json,sys; print(json.load(open('$work/$1.json'))['results'][$2]['mean'])"; }

cd "$work/big"
run big "docker-compose config" "$jc config"
cd "$work/small"
run small "docker-compose config -q" "$jc config -q" "$jc version"

python3 - "$(mean big 0)" "$(mean big 1)" "$(mean small 0)" "$(mean small 1)" "$(mean small 2)" <<'PY'
import sys
v1_big, jc_big, v1_small, jc_small, jc_version = map(float, sys.argv[1:])
print()
print(f"config, 500 services:      docker-compose v1 {v1_big*1000:7.0f} ms   jcompose {jc_big*1000:6.0f} ms   ratio {jc_big/v1_big:.2f}x (target <= 0.30x)")
print(f"config -q, 3 services:     docker-compose v1 {v1_small*1000:7.0f} ms   jcompose {jc_small*1000:6.0f} ms   (target <= 150 ms)")
print(f"version:                   jcompose {jc_version*1000:6.0f} ms   (target <= 150 ms)")
PY
