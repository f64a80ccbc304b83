#!/usr/bin/env bash
# Times `jcompose image build` (the built-in builder, --backend linux) against `docker build` on dockerd, on a
# 10-step Dockerfile over the busybox fixture (WORKDIR, ENV, COPY, RUN, ARG, LABEL, EXPOSE, CMD):
#   1. a fully cached rebuild: target <= 0.3 s wall and <= 0.5x docker build's cached rebuild;
#   2. a cold build, both sides without the step cache (--no-cache): target <= 1x docker build's.
# jcompose runs as users have it, with its standby JVM (the runs follow each other: one JVM takes them all, see
# StandbyJvm), and once more with JCOMPOSE_STANDBY=0, a JVM started for every command.
# docker builds with BuildKit when its client can (buildx, or a client older than 23 with DOCKER_BUILDKIT=1, such as
# Debian's docker.io), else with the legacy builder; the summary says which. jcompose builds into a throwaway store
# (JCOMPOSE_ROOT under the work dir, the busybox fixture imported into it), so the shared store is left as it was.
# docker build runs RUN steps with --network host, as the built-in builder does by default (and a shared machine may
# lose docker0 while the bench runs).
# Prints hyperfine's figures, then a summary of medians with the ratios. Needs root. ROUNDS (default 3) rounds of
# RUNS (default 5) runs for the cached rebuild, COLD_RUNS (default 3) rounds of one cold build each; rounds alternate
# the commands so that a change in the machine's load weighs on both.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
repo="$(cd "$here/.." && pwd)"
source "$repo/scripts/env.sh"
"$repo/scripts/install-packages.sh" hyperfine python3 runc crun docker.io
"$repo/scripts/start-dockerd.sh"
"$repo/scripts/fixture-images.sh" >/dev/null
[ -f "$repo/cli/target/jcompose-cli.jar" ] || (cd "$repo" && mvn -q -B package -DskipTests)
rounds=${ROUNDS:-3}
runs=${RUNS:-5}
cold_runs=${COLD_RUNS:-3}
jc="$repo/bin/jcompose"

# docker's client: one that builds with BuildKit if there is one
dk=(docker)
builder="legacy builder"
if docker buildx version >/dev/null 2>&1; then
  builder="BuildKit (buildx)"
else
  for client in docker /usr/bin/docker; do
    v=$("$client" version --format '{{.Client.Version}}' 2>/dev/null || true)
    if [[ $v =~ ^(1[0-9]|2[0-2])\. ]]; then
      dk=(env DOCKER_BUILDKIT=1 "$client"); builder="BuildKit (DOCKER_BUILDKIT=1, client $v)"; break
    fi
  done
fi

work=$(mktemp -d /tmp/jcompose-build-bench.XXXXXX)
tag=jcbuildbench$$
export JCOMPOSE_ROOT="$work/jroot" JCOMPOSE_RUN_ROOT="$work/jrun"
cleanup() {
  set +e
  # the standby JVMs left by the bench's commands (their environment names the bench's directories, about to go)
  "$repo/scripts/stop-standby-jvms.sh" "$work"
  "${dk[@]}" rmi -f "$tag:cached" "$tag:cold" >/dev/null 2>&1
  "${dk[@]}" builder prune -f --filter "label=jcompose.bench=$tag" >/dev/null 2>&1
  # a build interrupted half-way may leave its RUN container's rootfs mounted below the work dir: deepest first
  awk -v w="$work" '$5 ~ "^"w {print $5}' /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
median() { python3 -c "import json,statistics,sys; i=int(sys.argv[1]); print(statistics.median(t for f in sys.argv[2:]
  for t in json.load(open(f))['results'][i]['times']))" "$@"; }

# the throwaway store, with the busybox fixture
IFS=$'\t' read -r busybox_tar busybox_image busybox_changes < <(grep -P '\tjcompose-fixtures/busybox:latest\t' \
  /var/cache/jcompose/fixtures/images.tsv)
changes=()
IFS=$'\t' read -r -a list_of_changes <<<"$busybox_changes"
for c in "${list_of_changes[@]}"; do changes+=(--change "$c"); done
"$jc" --backend linux image import "${changes[@]}" "$busybox_tar" "$busybox_image" >/dev/null

ctx="$work/ctx"
mkdir -p "$ctx/data"
for i in $(seq 1 20); do head -c 4096 /dev/urandom | base64 > "$ctx/data/part-$i.txt"; done
cat > "$ctx/app.sh" <<'SH'
#!/bin/sh
echo "app $APP_ENV: $(ls /app/data | wc -l) parts"
SH
cat > "$ctx/Dockerfile" <<'DOCKERFILE'
FROM jcompose-fixtures/busybox:latest
WORKDIR /app
ENV APP_ENV=bench
COPY app.sh ./
COPY data/ ./data/
RUN chmod +x app.sh && ./app.sh > /app/out.txt
ARG VERSION=1
RUN echo "$VERSION" > /app/version && cat /app/data/* | wc -c > /app/size
LABEL jcompose.bench=build
EXPOSE 8080
CMD ["./app.sh"]
DOCKERFILE

jcl=("$jc" --backend linux --progress quiet image build)
# the cache of each side filled once
"${dk[@]}" build -q --network host --label "jcompose.bench=$tag" -t "$tag:cached" "$ctx" >/dev/null
"${jcl[@]}" -t "$tag:cached" "$ctx" >/dev/null

for round in $(seq 1 "$rounds"); do
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/cached-$round.json" \
    -n "docker build (cached, $builder)" "${dk[*]} build -q --network host --label jcompose.bench=$tag -t $tag:cached $ctx" \
    -n "jcompose image build (cached)" "${jcl[*]} -t $tag:cached $ctx" \
    -n "jcompose version (JVM start-up)" "env JCOMPOSE_STANDBY=0 $jc version" \
    -n "jcompose image build (cached, no standby JVM)" "env JCOMPOSE_STANDBY=0 ${jcl[*]} -t $tag:cached $ctx" >&2
done
for round in $(seq 1 "$cold_runs"); do
  hyperfine -N --runs 1 --export-json "$work/cold-$round.json" \
    -n "docker build --no-cache ($builder)" "${dk[*]} build -q --network host --no-cache --label jcompose.bench=$tag -t $tag:cold $ctx" \
    -n "jcompose image build --no-cache" "${jcl[*]} --no-cache -t $tag:cold $ctx" \
    -n "jcompose image build --no-cache (no standby JVM)" \
    "env JCOMPOSE_STANDBY=0 ${jcl[*]} --no-cache -t $tag:cold $ctx" >&2
done

c=("$work"/cached-*.json)
k=("$work"/cold-*.json)
python3 - "$builder" "$(median 0 "${c[@]}")" "$(median 1 "${c[@]}")" "$(median 2 "${c[@]}")" \
  "$(median 0 "${k[@]}")" "$(median 1 "${k[@]}")" "$(median 3 "${c[@]}")" "$(median 2 "${k[@]}")" <<'PY'
import sys
builder = sys.argv[1]
dc, jcached, version, dcold, jcold, jcached_cold_jvm, jcold_cold_jvm = (float(x) * 1000 for x in sys.argv[2:9])
print()
print(f"medians (ms), 10-step Dockerfile on the busybox fixture; docker build: {builder}")
print(f"  cached rebuild: docker {dc:6.0f}   jcompose {jcached:6.0f}   ratio {jcached / dc:.2f}x"
      f" (targets <= 300 ms: {'met' if jcached <= 300 else 'missed'}, <= 0.50x: {'met' if jcached <= dc / 2 else 'missed'})")
print(f"  without a standby JVM (JCOMPOSE_STANDBY=0): cached {jcached_cold_jvm:6.0f} ({jcached_cold_jvm / dc:.2f}x),"
      f" cold {jcold_cold_jvm:6.0f} ({jcold_cold_jvm / dcold:.2f}x); JVM start-up (version) {version:6.0f}")
print(f"  cold build:     docker {dcold:6.0f}   jcompose {jcold:6.0f}   ratio {jcold / dcold:.2f}x"
      f" (target <= 1.00x: {'met' if jcold <= dcold else 'missed'})")
PY
echo "load: $(uptime)"
