#!/usr/bin/env bash
# `make bench`: Parley's fan-out benchmark (issue 11). Builds the release binaries (the
# functions, parley-local, and the bench's examples: the bench itself, a bare WebSocket
# broadcast server and a hello-world Lambda function), starts a stack named `bench` on free
# ports, runs target/release/examples/fanout with its environment, and stops everything it
# started on every exit. Figures only: nothing here fails on a time.
#
# Knobs (environment; see README "Benchmarks"): MEMBERS=10,100 SENDS=30 RATES=... SECTIONS=...
# The report is also written to .stack/bench/report.txt.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

STACK="bench"
DIR="$STACK_BASE/$STACK"
RELEASE_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/release"
BENCH_PID=

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$BENCH_PID" ] && alive "$BENCH_PID"; then
    # The servers it started first (its children), then the bench itself.
    pkill -TERM -P "$BENCH_PID" 2>/dev/null || true
    kill -TERM "$BENCH_PID" 2>/dev/null || true
    wait "$BENCH_PID" 2>/dev/null || true
  fi
  "$ROOT/scripts/stack.sh" down "$STACK" >/dev/null 2>&1 ||
    warn "stopping the bench stack failed; run: scripts/stack.sh down $STACK"
  if [ "$rc" != 0 ]; then
    printf '\nThe bench did not finish (exit code %s).\n' "$rc" >&2
    printf '  next: read the error above and the logs in .stack/%s/ (parley-local-delay*.log,\n' "$STACK" >&2
    printf '        bare-broadcast.log, dynamodb.log, redis.log); rerun one part quickly with e.g.\n' >&2
    printf '        SECTIONS=latency MEMBERS=10,100 SENDS=20 make bench\n' >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo; warn "interrupted"; exit 130' INT
trap 'warn "terminated"; exit 143' TERM

mkdir -p "$STACK_BASE"
if have flock; then
  exec 9>"$STACK_BASE/bench.lock"
  flock -n 9 || die "another 'make bench' is running in this checkout" "wait for it to finish"
fi

"$ROOT/scripts/install-deps.sh"

say "building release binaries (LTO: about 10 minutes from scratch, seconds when nothing changed)"
cargo build --release --workspace --bins
cargo build --release -p local --examples

"$ROOT/scripts/stack.sh" down "$STACK"
"$ROOT/scripts/stack.sh" up "$STACK" --ports free
# shellcheck disable=SC1091
source "$DIR/env"
export BENCH_BIN_DIR="$RELEASE_DIR" BENCH_LOG_DIR="$DIR"

say "running the bench (progress below; the tables come at the end)"
"$RELEASE_DIR/examples/fanout" > >(tee "$DIR/report.txt") &
BENCH_PID=$!
wait "$BENCH_PID"
BENCH_PID=
say "report saved to .stack/$STACK/report.txt"
