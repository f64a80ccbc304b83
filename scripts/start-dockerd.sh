#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock: installs docker.io if needed and starts dockerd in the
# background (there may be no systemd). Idempotent: does nothing when the daemon already answers.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
sock=/var/run/docker.sock

answers() { curl -fsS --max-time 2 --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1; }

"$here/install-packages.sh" docker.io curl iptables
if answers; then
  exit 0
fi
log=/var/log/jcompose-dockerd.log
echo "==> starting dockerd (log: $log)"
nohup dockerd >"$log" 2>&1 &
for _ in $(seq 1 60); do
  if answers; then
    echo "==> dockerd answers on $sock"
    exit 0
  fi
  sleep 0.5
done
echo "dockerd did not answer on $sock within 30 s; last lines of $log:" >&2
tail -n 20 "$log" >&2
exit 1
