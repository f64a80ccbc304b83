#!/usr/bin/env bash
# Ends the standby JVMs (see StandbyJvm) whose environment mentions $1: those a bench or test left behind, by the
# directory or store it ran them in. Twice: one that was serving a command may have started its successor meanwhile.
set -uo pipefail
mark=${1:?usage: stop-standby-jvms.sh TEXT-IN-THEIR-ENVIRONMENT}
for _ in 1 2; do
  for pid in $(pgrep -f jcompose.standby.role); do
    grep -qsF "$mark" "/proc/$pid/environ" && kill "$pid" 2>/dev/null
  done
  sleep 0.2
done
exit 0
