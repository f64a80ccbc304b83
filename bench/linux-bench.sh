#!/usr/bin/env bash
# Times the built-in Linux runtime against its targets:
#   1. start+stop of one busybox container through jcompose <= 2x the bare OCI runtime's own `run` of the same rootfs
#      (runc, and crun called as jcompose calls it: through the hybrid-cgroup wrapper on a hybrid host); jcompose is
#      timed as a whole command (`run --rm`, `up -d` + `down`) as users have it (with the standby JVM, see
#      StandbyJvm) and with JCOMPOSE_STANDBY=0 (a JVM started for every command), as `version` (the JVM's start-up
#      alone), and as the engine alone in one JVM (StartStopBench on the engine's test classpath);
#   2. pull of the redis fixture from a local registry <= 1x `docker pull` of it from the same registry, each side
#      starting from an empty store at every run (docker: a dockerd of its own with a throwaway data root, so that no
#      image of the shared daemon keeps the layers; jcompose: a throwaway JCOMPOSE_ROOT).
# Prints hyperfine's figures, then a summary of medians with the ratios. Needs root. Part 1 runs ROUNDS (default 3)
# rounds of RUNS (default 5) runs of each command; part 2 PULL_RUNS (default 5) rounds of one pull each; rounds
# alternate the commands so that a change in the machine's load weighs on all of them. SKIP_START=1 or SKIP_PULL=1
# leaves part 1 or 2 out.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
repo="$(cd "$here/.." && pwd)"
source "$repo/scripts/env.sh"
"$repo/scripts/install-packages.sh" hyperfine python3 runc crun docker.io docker-registry curl
[ -f "$repo/cli/target/jcompose-cli.jar" ] && [ -d "$repo/engine/target/test-classes" ] \
  || (cd "$repo" && mvn -q -B package -DskipTests)
rounds=${ROUNDS:-3}
runs=${RUNS:-5}
pull_runs=${PULL_RUNS:-5}
jc="$repo/bin/jcompose"
busybox_tar=$(ls /var/cache/jcompose/fixtures/busybox-*.tar 2>/dev/null | head -n 1 || true)
[ -n "$busybox_tar" ] || { "$repo/scripts/fixture-images.sh" --no-docker >/dev/null;
  busybox_tar=$(ls /var/cache/jcompose/fixtures/busybox-*.tar | head -n 1); }
"$repo/scripts/fixture-images-jcompose.sh" "$jc"

work=$(mktemp -d /tmp/jcompose-linux-bench.XXXXXX)
project=jcbench$$
registry_pid=''
dockerd_pid=''
bench_bridge=jcbench$$
bench_bridge=${bench_bridge:0:15}
cleanup() {
  set +e
  # containers of the bare runtimes (a run interrupted half-way leaves one behind)
  for rt in runc crun; do
    [ -d "$work/$rt-state" ] && for id in $(ls "$work/$rt-state" 2>/dev/null); do
      "$rt" --root "$work/$rt-state" delete --force "$id" >/dev/null 2>&1
    done
  done
  # the project's containers, with those of a `run --rm` interrupted before its removal (StartStopBench removes its
  # own, even when interrupted)
  [ -f "$work/proj/compose.yaml" ] && (cd "$work/proj" \
    && JCOMPOSE_STANDBY=0 "$jc" --backend linux -p "$project" --progress quiet down --remove-orphans -t 0 \
      >/dev/null 2>&1)
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null; wait "$registry_pid" 2>/dev/null; fi
  if [ -n "$dockerd_pid" ]; then
    kill "$dockerd_pid" 2>/dev/null
    for _ in $(seq 1 80); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.25; done
  fi
  ip link del "$bench_bridge" 2>/dev/null
  # whatever is still mounted below the work dir (the bench dockerd's layers, a container's rootfs), deepest first
  awk -v w="$work" '$5 ~ "^"w {print $5}' /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l 2>/dev/null
  # the standby JVMs left by the bench's commands (their environment names the bench's directories, about to go)
  "$repo/scripts/stop-standby-jvms.sh" "$work"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# the median of command number $1's times over all the hyperfine exports that follow
median() { python3 -c "import json,statistics,sys; i=int(sys.argv[1]); print(statistics.median(t for f in sys.argv[2:]
  for t in json.load(open(f))['results'][i]['times']))" "$@"; }

# ---- 1. start+stop ------------------------------------------------------------------------------------------------

start_summary=''
start_stop() {
  # the bundle: the busybox fixture unpacked once, runc's default spec running /bin/true, without a terminal
  mkdir -p "$work/bundle/rootfs" "$work/runc-state" "$work/crun-state"
  tar --numeric-owner -xpf "$busybox_tar" -C "$work/bundle/rootfs"
  (cd "$work/bundle" && runc spec)
  python3 - "$work/bundle" <<'PY'
import json, sys
path = sys.argv[1] + "/config.json"
config = json.load(open(path))
config["process"]["terminal"] = False
config["process"]["args"] = ["/bin/true"]
config["root"]["path"] = sys.argv[1] + "/rootfs"
json.dump(config, open(path, "w"), indent=2)
PY
  # crun refuses a hybrid cgroup layout: jcompose then calls it through this wrapper (see RuntimeProbe), so does the bench
  crun_cmd=(crun)
  crun_name="crun run (bare)"
  if grep -qs . /sys/fs/cgroup/unified/cgroup.controllers; then
    cat > "$work/crun-hybrid" <<'SH'
#!/bin/sh
exec unshare -m sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; exec "$0" "$@"' crun "$@"
SH
    chmod +x "$work/crun-hybrid"
    crun_cmd=("$work/crun-hybrid")
    crun_name="crun run (bare, through the hybrid-cgroup wrapper as jcompose calls it)"
  fi
  # the runtime jcompose chose on this host (its probe's cache in the run root), for the ratio of the target
  "$jc" --backend linux image ls >/dev/null
  chosen=$(python3 -c "import json; print(json.load(open('${JCOMPOSE_RUN_ROOT:-/run/jcompose}/runtime.json'))['name'])" \
    2>/dev/null || echo runc)

  mkdir -p "$work/proj"
  cat > "$work/proj/compose.yaml" <<'YAML'
services:
  box:
    image: jcompose-fixtures/busybox:latest
    network_mode: none
    # PID 1 ignores SIGTERM without a handler: down -t 0 kills it at once, as the bare run's /bin/true exits at once
    command: ["sleep", "3600"]
YAML
  cd "$work/proj"
  jcl=("$jc" --backend linux -p "$project" --progress quiet)
  # in rounds, each command a few runs per round: the other work on a shared machine comes and goes, and a command
  # timed only in a quiet (or busy) minute would be favoured (or not)
  for round in $(seq 1 "$rounds"); do
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/start-$round.json" \
      -n "runc run (bare)" "runc --root $work/runc-state run --bundle $work/bundle bench-runc" \
      -n "$crun_name" \
      "${crun_cmd[*]} --root $work/crun-state run --bundle $work/bundle bench-crun" \
      -n "jcompose version (JVM start-up)" "env JCOMPOSE_STANDBY=0 $jc version" \
      -n "jcompose run --rm -T box true" "${jcl[*]} run --rm -T box true" \
      -n "jcompose up -d + down -t 0" "bash -c '${jcl[*]} up -d && ${jcl[*]} down -t 0'" \
      -n "jcompose run --rm -T box true (no standby JVM)" "env JCOMPOSE_STANDBY=0 ${jcl[*]} run --rm -T box true" \
      -n "jcompose up -d + down -t 0 (no standby JVM)" \
      "env JCOMPOSE_STANDBY=0 bash -c '${jcl[*]} up -d && ${jcl[*]} down -t 0'" >&2
  done

  # the engine alone, in one JVM: create+start+wait+remove of a container running true
  IFS= read -r libs < "$repo/cli/target/classpath.txt" || [ -n "$libs" ]
  engine_out=$(java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -cp \
    "$repo/engine/target/test-classes:$repo/engine/target/classes:$libs" io.jcompose.engine.linux.StartStopBench \
    jcompose-fixtures/busybox:latest "$((runs * rounds))" 3)
  echo "engine alone (StartStopBench): $(head -n 1 <<<"$engine_out")" >&2
  engine_ms=$(awk '/^total_ms/ {print $2}' <<<"$engine_out")
  cd "$work"
  local s=("$work"/start-*.json)
  start_summary=$(python3 - "$chosen" "$(median 0 "${s[@]}")" "$(median 1 "${s[@]}")" "$(median 2 "${s[@]}")" \
    "$(median 3 "${s[@]}")" "$(median 4 "${s[@]}")" "$engine_ms" "$(median 5 "${s[@]}")" \
    "$(median 6 "${s[@]}")" <<'PY'
import sys
chosen = sys.argv[1]
runc, crun, version, run_rm, updown = (float(x) * 1000 for x in sys.argv[2:7])
engine = float(sys.argv[7])
run_rm_cold, updown_cold = (float(x) * 1000 for x in sys.argv[8:10])
bare = crun if chosen == "crun" else runc
print(f"medians (ms); jcompose runs containers with {chosen}; the target is <= 2.00x the bare {chosen} run ({bare:.0f} ms)")
print(f"  bare runc run /bin/true          {runc:7.0f}")
print(f"  bare crun run /bin/true          {crun:7.0f}")
print(f"  jcompose version (JVM start-up)  {version:7.0f}")
for name, t in (("jcompose run --rm -T box true", run_rm), ("jcompose up -d + down -t 0", updown),
                ("run --rm, no standby JVM", run_rm_cold), ("up -d + down, no standby JVM", updown_cold),
                ("engine alone (one JVM)", engine)):
    print(f"  {name:32s} {t:7.0f}   ratio {t / bare:5.2f}x vs {chosen}, {t / runc:5.2f}x vs runc")
PY
  )
}

# ---- 2. pull ------------------------------------------------------------------------------------------------------

pull_summary=''
pull() {
  # docker's side: a daemon of its own, with a throwaway data root, so that an emptied image store really empties its
  # layers (and the shared daemon is left as it was)
  # (a bridge of its own: with `--bridge none` dockerd deletes docker0, the shared daemon's default bridge)
  mkdir -p "$work/dockerd"
  ip link add "$bench_bridge" type bridge
  dockerd --data-root "$work/dockerd/data" --exec-root "$work/dockerd/exec" --pidfile "$work/dockerd/pid" \
    -H "unix://$work/dockerd/sock" --bridge "$bench_bridge" --iptables=false --ip-masq=false \
    >"$work/dockerd/log" 2>&1 &
  dockerd_pid=$!
  dk="docker -H unix://$work/dockerd/sock"
  for _ in $(seq 1 80); do $dk version >/dev/null 2>&1 && break; sleep 0.25; done

  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$work/registry"
  cat > "$work/registry/config.yml" <<YAML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/registry/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
  /usr/bin/docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1 &
  registry_pid=$!
  for _ in $(seq 1 40); do curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break; sleep 0.25; done
  image="127.0.0.1:$port/redis:bench"

  # the redis fixture as images.tsv describes it, less its /dev nodes: jcompose refuses device nodes in pulled layers
  # (Docker takes them), and a root filesystem made by mmdebstrap has a few. Imported into the bench's daemon and
  # pushed from there (docker push makes the gzip blob).
  IFS=$'\t' read -r redis_tar _ redis_changes < <(grep -P '\tjcompose-fixtures/redis:' \
    /var/cache/jcompose/fixtures/images.tsv)
  cp "$redis_tar" "$work/redis.tar"
  mapfile -t nodes < <(tar -tvf "$work/redis.tar" | awk '/^[cb]/ {print $NF}')
  [ "${#nodes[@]}" -eq 0 ] || tar --delete -f "$work/redis.tar" "${nodes[@]}"
  changes=()
  IFS=$'\t' read -r -a list_of_changes <<<"$redis_changes"
  for c in "${list_of_changes[@]}"; do changes+=(--change "$c"); done
  $dk import "${changes[@]}" "$work/redis.tar" "$image" >/dev/null
  rm -f "$work/redis.tar"
  $dk push -q "$image" >/dev/null

  # jcompose's side: a store of its own, emptied before each run (the run root keeps the runtime probe's answer)
  jroot="$work/jroot"
  jenv="env JCOMPOSE_ROOT=$jroot JCOMPOSE_RUN_ROOT=$work/jrun"
  JCOMPOSE_ROOT="$jroot" JCOMPOSE_RUN_ROOT="$work/jrun" "$jc" --backend linux image ls >/dev/null
  # one run of each per round, alternating, for the same reason as above (a pull takes seconds)
  for round in $(seq 1 "$pull_runs"); do
    hyperfine -N --runs 1 --export-json "$work/pull-$round.json" \
      --prepare "bash -c '$dk rmi -f $image >/dev/null 2>&1; $dk image prune -a -f >/dev/null'" \
      -n "docker pull (redis fixture)" "$dk pull -q $image" \
      --prepare "rm -rf $jroot" \
      -n "jcompose image pull (redis fixture)" "$jenv $jc --backend linux image pull -q $image" >&2
  done
  # the compressed size that travels, for MB/s
  compressed=$(curl -fsS -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://127.0.0.1:$port/v2/redis/manifests/bench" | python3 -c \
    'import json,sys; m=json.load(sys.stdin); print(sum(l["size"] for l in m["layers"]))')
  local p=("$work"/pull-*.json)
  dp=$(median 0 "${p[@]}"); jp=$(median 1 "${p[@]}")
  pull_summary=$(python3 -c "print(f'pull of redis ({$compressed/1e6:.1f} MB gzip):  docker pull {$dp*1000:6.0f} ms   jcompose {$jp*1000:6.0f} ms   ratio {$jp/$dp:.2f}x (target <= 1.00x)')")
}

# ---- run, then the summary ------------------------------------------------------------------------------------------------------

[ "${SKIP_START:-}" = 1 ] || start_stop
[ "${SKIP_PULL:-}" = 1 ] || pull
echo
[ -z "$start_summary" ] || echo "$start_summary"
[ -z "$pull_summary" ] || echo "$pull_summary"
echo "load: $(uptime)"
