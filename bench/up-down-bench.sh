#!/usr/bin/env bash
# Times `up -d` and `down -v` of jcompose against docker-compose v1 on the same Docker daemon, for generated stacks
# of 10 and 30 busybox services (a dependency chain, a network, a volume). Prints hyperfine's figures and ratios.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
repo="$here/.."
source "$repo/scripts/env.sh"
"$repo/scripts/install-packages.sh" hyperfine docker-compose python3
"$repo/scripts/start-dockerd.sh"
"$repo/scripts/fixture-images.sh" >/dev/null
[ -f "$repo/cli/target/jcompose-cli.jar" ] || (cd "$repo" && mvn -q -B package -DskipTests)
# the Docker backend: the comparison is on the same daemon (the built-in runtime has its own bench, linux-bench.sh)
jc="$repo/bin/jcompose --backend docker"
runs=${RUNS:-3}
work=$(mktemp -d)
cleanup() {
  (cd "$work" && for n in 10 30; do
     (cd "s$n" 2>/dev/null && docker-compose -p "benchv1$n" down -v -t 0 >/dev/null 2>&1; $jc -p "benchjc$n" down -v -t 0 >/dev/null 2>&1
      $jc -p "benchfl$n" down -v -t 0 >/dev/null 2>&1) || true
   done)
  rm -rf "$work"
}
trap cleanup EXIT
mean() { python3 -c "import json; print(json.load(open('$1'))['results'][$2]['mean'])"; }

# The daemon's own floor for a dependency chain: the containers already created (by `jcompose create`), one
# start request after the other straight to the API in dependency order, as any client must send them (a service
# starts once the one it depends on has started); for down, one stop request after the other in reverse order.
chain() { # op n project
  local op=$1 n=$2 p=$3 i
  if [ "$op" = start ]; then seq 0 $((n - 1)); else seq $((n - 1)) -1 0; fi | while read -r i; do
    curl -fsS --unix-socket /var/run/docker.sock -X POST "http://localhost/containers/$p-s$i-1/$op" >/dev/null
  done
}
export -f chain

summary=()
for n in 10 30; do
  mkdir -p "$work/s$n"
  python3 "$here/generate-stack.py" "$n" > "$work/s$n/compose.yaml"
  cd "$work/s$n"
  hyperfine -N --runs "$runs" --export-json "$work/up$n.json" \
    --prepare "docker-compose -p benchv1$n down -v -t 0" -n "docker-compose v1 up -d ($n)" "docker-compose -p benchv1$n up -d" \
    --prepare "$jc -p benchjc$n down -v -t 0" -n "jcompose up -d ($n)" "$jc -p benchjc$n --progress quiet up -d" \
    --prepare "bash -c '$jc -p benchfl$n down -v -t 0 && $jc -p benchfl$n --progress quiet create'" \
      -n "daemon floor: $n starts in a chain" "bash -c 'chain start $n benchfl$n'" >&2
  hyperfine -N --runs "$runs" --export-json "$work/down$n.json" \
    --prepare "docker-compose -p benchv1$n up -d" -n "docker-compose v1 down -v ($n)" "docker-compose -p benchv1$n down -v" \
    --prepare "$jc -p benchjc$n --progress quiet up -d" -n "jcompose down -v ($n)" "$jc -p benchjc$n --progress quiet down -v" \
    --prepare "$jc -p benchfl$n --progress quiet up -d" \
      -n "daemon floor: $n stops in a chain" "bash -c 'chain stop $n benchfl$n'" >&2
  for op in up down; do
    v1=$(mean "$work/$op$n.json" 0); j=$(mean "$work/$op$n.json" 1); f=$(mean "$work/$op$n.json" 2)
    summary+=("$(python3 -c "print(f'$op N=$n: docker-compose v1 {$v1:6.2f} s   jcompose {$j:6.2f} s   ratio {$j/$v1:.2f}x (target <= 0.50x)   daemon floor {$f:6.2f} s = {$f/$v1:.2f}x')")")
  done
  cd "$work"
done
echo
printf '%s\n' "${summary[@]}"
