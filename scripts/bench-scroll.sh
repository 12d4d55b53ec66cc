#!/usr/bin/env bash
# `make bench-scroll`: how the message list holds up (issue 15). Builds the web app and the debug
# gateway, starts a stack named `bench-scroll` on free ports, seeds one channel with MESSAGES
# (10000) messages through the store (functions/local/examples/seed-messages.rs), opens it in
# headless Chromium and scrolls back through 1,000 and then all of them, printing p95 frame time
# (requestAnimationFrame deltas), DOM node count and JS heap at each mark (web/e2e/scroll.bench.mjs).
# Figures only: nothing here fails on a time. Debug build of the gateway (the list's cost is in
# the browser); the report is also written to .stack/bench-scroll/report.txt.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

STACK="bench-scroll"
DIR="$STACK_BASE/$STACK"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -f "$DIR/gateway.pid" ]; then stop_pidfile "$DIR/gateway.pid" >/dev/null; fi
  "$ROOT/scripts/stack.sh" down "$STACK" >/dev/null 2>&1 ||
    warn "stopping the bench stack failed; run: scripts/stack.sh down $STACK"
  if [ "$rc" != 0 ]; then
    printf '\nThe scroll bench did not finish (exit code %s).\n' "$rc" >&2
    printf '  next: read the error above and .stack/%s/gateway.log; a quick run: MESSAGES=2000 make bench-scroll\n' "$STACK" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo; warn "interrupted"; exit 130' INT
trap 'warn "terminated"; exit 143' TERM

"$ROOT/scripts/install-deps.sh" --with-browser

say "building the web app, the gateway and the seeder (debug)"
npm --prefix web run --silent build
cargo build -p local --bin parley-local --example seed-messages
cargo build -p migrate

"$ROOT/scripts/stack.sh" down "$STACK"
"$ROOT/scripts/stack.sh" up "$STACK" --ports free
# shellcheck disable=SC1091
source "$DIR/env"
"$BIN_DIR/migrate" ensure-table

say "seeding ${MESSAGES:-10000} messages"
SLUG=$("$BIN_DIR/examples/seed-messages")

say "gateway: $BIN_DIR/parley-local on $BASE_URL (log: .stack/$STACK/gateway.log)"
start_bg "$DIR/gateway.pid" parley-local "$DIR/gateway.log" env WEB_DIST=web/dist "$BIN_DIR/parley-local"
wait_until "gateway /healthz" 60 "$BG_PID" "$DIR/gateway.log" http_ok "$BASE_URL/healthz"

say "scrolling #$SLUG in headless Chromium (figures at the end)"
PARLEY_E2E_URL="$BASE_URL" BENCH_CHANNEL="$SLUG" node web/e2e/scroll.bench.mjs | tee "$DIR/report.txt"
say "report saved to .stack/$STACK/report.txt"
