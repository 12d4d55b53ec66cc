#!/usr/bin/env bash
# `make bench-search`: the search index's cost and query times (issue 14). Builds the bench in
# release, starts a stack named `bench-search` on free ports, loads MESSAGES (100000) messages
# across CHANNELS (50) channels into a table of its own, and prints index writes and size per
# message and query p50/p99 per kind for someone in 10 and in 50 channels. Figures only:
# nothing here fails on a time. The report is also written to .stack/bench-search/report.txt.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

STACK="bench-search"
DIR="$STACK_BASE/$STACK"
RELEASE_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/release"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  "$ROOT/scripts/stack.sh" down "$STACK" >/dev/null 2>&1 ||
    warn "stopping the bench stack failed; run: scripts/stack.sh down $STACK"
  if [ "$rc" != 0 ]; then
    printf '\nThe search bench did not finish (exit code %s).\n' "$rc" >&2
    printf '  next: read the error above and .stack/%s/dynamodb.log; a quick run: MESSAGES=5000 make bench-search\n' "$STACK" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo; warn "interrupted"; exit 130' INT
trap 'warn "terminated"; exit 143' TERM

"$ROOT/scripts/install-deps.sh"

say "building the bench in release (LTO: several minutes from scratch, seconds when nothing changed)"
cargo build --release -p local --example search-bench

"$ROOT/scripts/stack.sh" down "$STACK"
"$ROOT/scripts/stack.sh" up "$STACK" --ports free
# shellcheck disable=SC1091
source "$DIR/env"

say "loading and measuring (progress below; the figures come at the end)"
"$RELEASE_DIR/examples/search-bench" | tee "$DIR/report.txt"
say "report saved to .stack/$STACK/report.txt"
