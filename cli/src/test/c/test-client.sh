#!/bin/bash
# Tests the standby JVM client (cli/src/main/c) without Java: fake-standby.py plays the standby JVM, /bin/sh the
# cold JVM. Usage: bash cli/src/test/c/test-client.sh. Exits non-zero on the first failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/../../main/c"
tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
pass() {
  echo "ok: $*"
}
# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
  [ "$2" == "$3" ] || fail "$1: expected [$2], got [$3]"
}

client="$tmp/bin/jcompose-client"
bash "$src/build.sh" "$client"
[ -x "$client" ] || fail "build.sh did not produce $client"
pass "build.sh compiles the client"

# Without a compiler: one line, the old binary removed, success. PATH holds only the tools build.sh needs.
mkdir "$tmp/nocc"
for tool in dirname mkdir mktemp chmod mv rm; do ln -s "$(command -v "$tool")" "$tmp/nocc/$tool"; done
cp "$client" "$tmp/old-client"
nocc_err=$(PATH="$tmp/nocc" "$BASH" "$src/build.sh" "$tmp/old-client" 2>&1) || fail "build.sh without a compiler failed"
expect_eq "build.sh without a compiler" \
  "jcompose: no C compiler (apt-get install gcc): bin/jcompose will start a JVM for every command" "$nocc_err"
[ ! -e "$tmp/old-client" ] || fail "build.sh without a compiler left the old binary"
pass "build.sh without a compiler"

sock="$tmp/standby.sock"
out="$tmp/out"
# start_server MODE [STATUS]: a fake standby JVM in the background, listening once this returns
start_server() {
  rm -rf "$out"
  mkdir "$out"
  python3 "$here/fake-standby.py" "$1" "$sock" "$out" "${2:-0}" &
  server_pid=$!
  for _ in $(seq 500); do
    [ -S "$sock" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || fail "the fake server ended before listening"
    sleep 0.02
  done
  fail "the fake server does not listen"
}
stop_server() {
  wait "$server_pid" || fail "the fake server failed (mode $1)"
  server_pid=
}
# json EXPRESSION FILE: a value from a JSON file written by the fake server (j is the parsed file)
json() {
  python3 -c 'import json, sys; j = json.load(open(sys.argv[2])); print(eval(sys.argv[1]))' "$1" "$2"
}

# Usage errors: exit 2 with a message.
for bad in "" "$sock" "$sock 1 /bin/true" "$sock x /bin/true a" "$sock -1 /bin/true" "$sock 3 /bin/true a b"; do
  set +e
  # shellcheck disable=SC2086 # the words are the arguments
  "$client" $bad 2>"$tmp/err"
  rc=$?
  set -e
  expect_eq "exit status of usage error '$bad'" 2 "$rc"
  grep -q '^usage: jcompose-client SOCKET K COLD_ARGV' "$tmp/err" || fail "no usage message for '$bad'"
done
pass "usage errors"

# A cold command that prints its arguments (one per line, in brackets) and exits 7.
cold=(/bin/sh -c 'for a in "$@"; do echo "[$a]"; done; exit 7' sh)
user_args=("a b" "" "-x")
expected_args=$'[a b]\n[]\n[-x]'

# (1) no socket: the cold command runs with the user's arguments, its exit status passes through
set +e
got=$("$client" "$tmp/none.sock" 3 "${cold[@]}" "${user_args[@]}")
rc=$?
set -e
expect_eq "cold exit status" 7 "$rc"
expect_eq "cold output" "$expected_args" "$got"
pass "(1) no socket: cold fallback"

# The socket path does not fit sun_path: cold fallback
long_sock="$tmp/$(printf 'x%.0s' $(seq 120)).sock"
set +e
got=$("$client" "$long_sock" 3 "${cold[@]}" "${user_args[@]}")
rc=$?
set -e
expect_eq "cold exit status, long socket path" 7 "$rc"
expect_eq "cold output, long socket path" "$expected_args" "$got"
pass "socket path too long: cold fallback"

# execv fails: one line, 127
set +e
err=$("$client" "$tmp/none.sock" 0 "$tmp/no-such-java" 2>&1)
rc=$?
set -e
expect_eq "exit status when execv fails" 127 "$rc"
expect_eq "message when execv fails" "jcompose: cannot run $tmp/no-such-java: No such file or directory" "$err"
pass "execv failure"

# (2) the server declines: cold fallback, with the descriptors, signal mask and ignored signals the cold command
# would have had without the client
start_server decline
set +e
got=$("$client" "$sock" 3 "${cold[@]}" "${user_args[@]}")
rc=$?
set -e
stop_server decline
expect_eq "cold exit status after 'N'" 7 "$rc"
expect_eq "cold output after 'N'" "$expected_args" "$got"
expect_eq "arguments sent before 'N'" "['a b', '', '-x']" "$(json "j['args']" "$out/request.json")"
pass "(2) 'N': cold fallback"

# SOCKET "-": standby-<euid>.sock next to the client's binary (what bin/jcompose passes)
saved_sock=$sock
sock="$tmp/bin/standby-$EUID.sock"
start_server decline
set +e
got=$("$client" - 3 "${cold[@]}" "${user_args[@]}")
rc=$?
set -e
stop_server decline
expect_eq "cold exit status after 'N', socket next to the client" 7 "$rc"
expect_eq "arguments sent to the socket next to the client" "['a b', '', '-x']" \
  "$(json "j['args']" "$out/request.json")"
sock=$saved_sock
pass "socket '-': the one next to the client"

probe=(/bin/sh -c 'ls /proc/$$/fd | tr "\n" " "; grep -E "^Sig(Blk|Ign)" /proc/$$/status | tr "\n" " "' sh)
direct=$("${probe[@]}")
start_server decline
via_client=$("$client" "$sock" 0 "${probe[@]}")
stop_server decline
expect_eq "cold process state after 'N' (fds, blocked, ignored)" "$direct" "$via_client"
start_server hangup
via_client=$("$client" "$sock" 0 "${probe[@]}" 2>"$tmp/err")
stop_server hangup
expect_eq "cold process state after EOF (fds, blocked, ignored)" "$direct" "$via_client"
expect_eq "stderr after EOF without answer" "" "$(cat "$tmp/err")"
pass "cold fallback after 'N' and after EOF leaks no descriptor, keeps mask and dispositions ($direct)"

# (3) the server runs the command: its output reaches our stdout, its status is ours; cwd, arguments, environment
# and stdin arrive intact
mkdir "$tmp/work dir"
echo "input data" >"$tmp/stdin.txt"
start_server run 42
set +e
(cd "$tmp/work dir" && JCOMPOSE_TEST_VAR=$'value with spaces\tand=equals' \
  "$client" "$sock" 3 "${cold[@]}" "${user_args[@]}" <"$tmp/stdin.txt" >"$tmp/stdout" 2>"$tmp/err")
rc=$?
set -e
stop_server run
expect_eq "exit status from 'X'" 42 "$rc"
expect_eq "stdout written by the server" "hello" "$(cat "$tmp/stdout")"
expect_eq "stderr" "" "$(cat "$tmp/err")"
expect_eq "cwd" "$tmp/work dir" "$(json "j['cwd']" "$out/request.json")"
expect_eq "arguments" "['a b', '', '-x']" "$(json "j['args']" "$out/request.json")"
expect_eq "environment variable" $'value with spaces\tand=equals' \
  "$(json "j['env']['JCOMPOSE_TEST_VAR']" "$out/request.json")"
expect_eq "PATH" "$PATH" "$(json "j['env']['PATH']" "$out/request.json")"
expect_eq "stdin read through fd 0" "input data" "$(json "j['stdin'].strip()" "$out/request.json")"
expect_eq "descriptors 1 and 2" "$tmp/stdout $tmp/err" "$(json "' '.join(j['fds'][1:])" "$out/request.json")"
pass "(3) 'A' then 'X' 42: output, status, cwd, arguments, environment, stdin"

# A closed descriptor is handed over as /dev/null; an exit status beyond a byte is taken modulo 256; no arguments
start_server run 1000
set +e
"$client" "$sock" 0 /bin/false <&- >"$tmp/stdout" 2>&-
rc=$?
set -e
stop_server run
expect_eq "exit status 1000 & 0xff" 232 "$rc"
expect_eq "closed fds 0 and 2 sent as" "/dev/null /dev/null" \
  "$(json "j['fds'][0] + ' ' + j['fds'][2]" "$out/request.json")"
expect_eq "no arguments" "[]" "$(json "j['args']" "$out/request.json")"
pass "closed descriptors arrive as /dev/null; status & 0xff"

# Runs the client in the background under python, with SIGHUP ignored as nohup would, the other signals at their
# defaults; writes its pid to $tmp/pid and its exit status to $tmp/rc (negative: killed by that signal).
cat >"$tmp/run-bg.py" <<'PY'
import signal, subprocess, sys
def dispositions():
    for s in (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM, signal.SIGWINCH):
        signal.signal(s, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
child = subprocess.Popen(sys.argv[3:], preexec_fn=dispositions)
open(sys.argv[1], 'w').write(str(child.pid))
open(sys.argv[2], 'w').write(str(child.wait()))
PY
# signal_test LAST SIGNALS...: sends the signals to the client once the command runs; the fake server reads the
# messages up to the one for signal number LAST
signal_test() {
  rm -f "$tmp/pid" "$tmp/rc"
  start_server signal "$1"
  shift
  python3 "$tmp/run-bg.py" "$tmp/pid" "$tmp/rc" "$client" "$sock" 0 /bin/false 2>"$tmp/err" &
  local runner=$!
  for _ in $(seq 500); do
    [ -e "$out/ready" ] && [ -s "$tmp/pid" ] && break
    sleep 0.02
  done
  [ -e "$out/ready" ] || fail "the command did not start"
  for s in "$@"; do kill -s "$s" "$(cat "$tmp/pid")"; done
  wait "$runner" || fail "run-bg.py failed"
  stop_server signal
}

# (4) SIGTERM after 'A' reaches the server as 'S' 15 0 (the ignored SIGHUP sent before it does not); the server
# ends without 'X': the client exits 128 + 15
signal_test 15 HUP TERM
expect_eq "signal messages" "[[83, 15, 0]]" "$(cat "$out/signal.json")"
expect_eq "exit status after a forwarded SIGTERM" 143 "$(cat "$tmp/rc")"
expect_eq "stderr after a forwarded SIGTERM" "" "$(cat "$tmp/err")"
pass "(4) SIGTERM forwarded as 'S' 15 0, exit 143"

# SIGWINCH is forwarded too but ends nothing: without 'X' the client says so and exits 1
signal_test 28 WINCH
expect_eq "signal messages" "[[83, 28, 0]]" "$(cat "$out/signal.json")"
expect_eq "exit status without 'X'" 1 "$(cat "$tmp/rc")"
expect_eq "stderr without 'X'" "jcompose: the standby JVM ended without an exit status" "$(cat "$tmp/err")"
pass "SIGWINCH forwarded; EOF without 'X' and without a terminating signal: exit 1"

# Ctrl-C on a terminal: SIGINT from the kernel, flagged 1
cat >"$tmp/pty-run.py" <<'PY'
import os, pty, sys, time
ready = sys.argv[1]
pid, master = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
deadline = time.monotonic() + 20
while not os.path.exists(ready) and time.monotonic() < deadline:
    time.sleep(0.02)
os.write(master, b'\x03')
while True:
    try:
        if not os.read(master, 1024):
            break
    except OSError:
        break
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
PY
start_server signal 2
rc=$(python3 "$tmp/pty-run.py" "$out/ready" "$client" "$sock" 0 /bin/false)
stop_server signal
expect_eq "signal messages for Ctrl-C" "[[83, 2, 1]]" "$(cat "$out/signal.json")"
expect_eq "exit status after Ctrl-C" 130 "$rc"
pass "Ctrl-C on a terminal forwarded as 'S' 2 1, exit 130"

# (5) an environment of more than 64 KiB arrives intact
big=$(python3 -c 'print("".join(chr(0x41 + i % 26) for i in range(100000)))')
many=()
for i in $(seq 2000); do many+=("JCOMPOSE_TEST_$i=value-$i"); done
start_server run 0
env "${many[@]}" JCOMPOSE_BIG="$big" "$client" "$sock" 1 /bin/false arg </dev/null >/dev/null \
  || fail "client with a large environment"
stop_server run
expect_eq "large variable" "$big" "$(json "j['env']['JCOMPOSE_BIG']" "$out/request.json")"
expect_eq "2000 variables" "2000" \
  "$(json "sum(1 for k in j['env'] if k.startswith('JCOMPOSE_TEST_'))" "$out/request.json")"
expect_eq "variable 1999" "value-1999" "$(json "j['env']['JCOMPOSE_TEST_1999']" "$out/request.json")"
pass "(5) an environment of $(( ${#big} / 1024 + 2000 * 22 / 1024 )) KiB arrives intact"

echo "all client tests passed"
