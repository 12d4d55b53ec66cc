#!/usr/bin/env bash
# Runs the whole app locally (what `make dev` runs): the local stack on fixed ports, the web app
# built into web/dist, and the local gateway in front. Ctrl-C stops all of it.
#
# Ports (override with env): gateway PORT=8080, DDB_PORT=8000, REDIS_PORT=6379, OIDC_PORT=9000.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

STACK=dev
DIR="$STACK_BASE/$STACK"
STARTED_STACK=0

# shellcheck disable=SC2329 # called by the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  echo
  if [ -f "$DIR/gateway.pid" ]; then stop_pidfile "$DIR/gateway.pid"; fi
  if [ "$STARTED_STACK" = 1 ]; then "$ROOT/scripts/stack.sh" down "$STACK" || true; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/stack.sh" up "$STACK" --ports fixed
STARTED_STACK=1
# shellcheck disable=SC1091
source "$DIR/env"

if [ -f web/package.json ]; then
  say "web: npm run build (into web/dist)"
  npm --prefix "$ROOT/web" run --silent build ||
    die "the web build failed" "fix the errors above (cd web && npm run build), then rerun make dev"
else
  note "web: no web/package.json yet; the gateway will have no web app to serve"
fi

say "cargo build -p migrate -p local (a first build takes a few minutes)"
cargo build -p migrate -p local ||
  die "cargo build failed" "fix the errors above, then rerun make dev"

say "DynamoDB: migrate ensure-table (table $DYNAMODB_TABLE)"
"$BIN_DIR/migrate" ensure-table ||
  die "migrate ensure-table failed" "see the error above; DynamoDB Local's log: .stack/$STACK/dynamodb.log"

say "gateway: $BIN_DIR/parley-local on $BASE_URL"
start_bg "$DIR/gateway.pid" parley-local - "$BIN_DIR/parley-local"
gateway_pid=$BG_PID
wait_until "gateway /healthz" 60 "$gateway_pid" "" http_ok "$BASE_URL/healthz" ||
  die "the gateway did not come up" "see its output above"

cat <<EOF

  Parley is running at $BASE_URL
  Sign in with any name (e.g. alice), any password; a second private window as bob to chat.
  OIDC provider: $OIDC_ISSUER   DynamoDB Local: $DYNAMODB_ENDPOINT   Redis: $REDIS_URL
  Mail sent (invites, password resets): $SES_ENDPOINT/_ministack/ses/messages
  Logs of the stack: .stack/$STACK/   Press Ctrl-C to stop everything.

EOF

rc=0
wait "$gateway_pid" || rc=$?
warn "the gateway exited (code $rc)"
exit "$rc"
