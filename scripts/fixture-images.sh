#!/usr/bin/env bash
# Builds the test fixture images from Debian packages (no registry needed) and imports them into Docker:
#   jcompose-fixtures/busybox:latest (and :1.35)   busybox-static
#   jcompose-fixtures/python-flask:bookworm         python3, python3-flask, python3-redis
#   jcompose-fixtures/redis:bookworm                redis-server
# Tarballs are cached in $JCOMPOSE_FIXTURE_CACHE (default /var/cache/jcompose/fixtures), keyed by a hash of the
# recipe, so a second run only imports. usage: fixture-images.sh [--no-docker]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
cache=${JCOMPOSE_FIXTURE_CACHE:-/var/cache/jcompose/fixtures}
mkdir -p "$cache"
"$here/install-packages.sh" busybox-static mmdebstrap

key() { cat "$here/fixtures/$1" | { cat; echo "$2"; } | sha256sum | cut -c1-16; }

build() { # name recipe packages
  local name=$1 recipe=$2 packages=$3
  local tar="$cache/$name-$(key "$recipe" "$packages").tar"
  if [ ! -s "$tar" ]; then
    echo "==> building fixture $name" >&2
    rm -f "$cache/$name"-*.tar
    "$here/fixtures/$recipe" "$tar" "$packages"
  fi
  echo "$tar"
}

busybox=$(build busybox busybox-rootfs.sh "")
flask=$(build python-flask debian-rootfs.sh "python3,python3-flask,python3-redis")
redis=$(build redis debian-rootfs.sh "redis-server")

path='PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
# the same images for the built-in runtime's store: scripts/fixture-images-jcompose.sh reads this list
# (tar, image, then one --change per field; tab-separated)
{
  printf '%s\t%s\t%s\t%s\n' "$busybox" jcompose-fixtures/busybox:latest "ENV $path" 'CMD ["sh"]'
  printf '%s\t%s\t%s\t%s\n' "$busybox" jcompose-fixtures/busybox:1.35 "ENV $path" 'CMD ["sh"]'
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$flask" jcompose-fixtures/python-flask:bookworm "ENV $path" \
    'ENV LANG=C.UTF-8' 'ENV PYTHONUNBUFFERED=1' 'WORKDIR /' 'CMD ["python3"]'
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$redis" jcompose-fixtures/redis:bookworm "ENV $path" 'WORKDIR /data' \
    'VOLUME /data' 'EXPOSE 6379/tcp' 'CMD ["redis-server", "--protected-mode", "no"]'
} > "$cache/images.tsv"

[ "${1:-}" = --no-docker ] && exit 0
import() { # tar image changes...
  local tar=$1 image=$2
  shift 2
  local id
  id=$(docker image inspect -f '{{index .Config.Labels "jcompose.fixture"}}' "$image" 2>/dev/null || true)
  if [ "$id" = "$(basename "$tar")" ]; then
    return
  fi
  docker import --change "LABEL jcompose.fixture=$(basename "$tar")" "$@" "$tar" "$image" >/dev/null
  echo "==> imported $image" >&2
}
import "$busybox" jcompose-fixtures/busybox:latest --change "ENV $path" --change 'CMD ["sh"]'
docker tag jcompose-fixtures/busybox:latest jcompose-fixtures/busybox:1.35
import "$flask" jcompose-fixtures/python-flask:bookworm --change "ENV $path" --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PYTHONUNBUFFERED=1' --change 'WORKDIR /' --change 'CMD ["python3"]'
import "$redis" jcompose-fixtures/redis:bookworm --change "ENV $path" --change 'WORKDIR /data' \
  --change 'VOLUME /data' --change 'EXPOSE 6379/tcp' --change 'CMD ["redis-server", "--protected-mode", "no"]'
