#!/usr/bin/env bash
# Runs every test (what `make test` and CI run): starts the local stack on free ports, builds the
# web app and the workspace, starts the local gateway, then runs all suites, even after a failure,
# and stops everything it started on the way out. Exits non-zero when any suite failed.
#
# Suites: cargo test; web typecheck, lint, unit tests (vitest) and browser tests (when
# web/package.json exists); cfn-lint and tests/template (when template.yaml exists); cargo fmt
# and clippy.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

STACK="test"
DIR="$STACK_BASE/$STACK"
T0=$SECONDS
CURRENT_PID=
GATEWAY_PID=

results=()   # "STATUS|name|seconds|detail"
failed=()

# --- cleanup: runs on every exit ---------------------------------------------------------------
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$CURRENT_PID" ]; then stop_suite "$CURRENT_PID"; fi
  if [ -f "$DIR/gateway.pid" ]; then stop_pidfile "$DIR/gateway.pid" >/dev/null; fi
  "$ROOT/scripts/stack.sh" down "$STACK" >/dev/null 2>&1 ||
    warn "stopping the test stack failed; run: make clean-stack"
  exit "$rc"
}
trap cleanup EXIT
trap 'echo; warn "interrupted"; exit 130' INT
trap 'warn "terminated"; exit 143' TERM

# One `make test` at a time per checkout: a second one would stop the first one's stack.
mkdir -p "$STACK_BASE"
if have flock; then
  exec 9>"$STACK_BASE/test.lock"
  flock -n 9 || die "another 'make test' is running in this checkout" "wait for it to finish"
fi

# --- running suites ------------------------------------------------------------------------------
# Each suite runs in the background under `timeout` (its own process group, so that a time-out or
# an interrupt stops the whole tree, browsers included) and is waited for here.
stop_suite() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 15))
  while alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  if have timeout; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}

record() { # STATUS NAME SECONDS [DETAIL]
  results+=("$1|$2|$3|${4:-}")
  case "$1" in FAIL) failed+=("$2") ;; esac
  local line="--- $2: $1"
  [ "$1" = SKIP ] || line+=" ($3s)"
  [ -z "${4:-}" ] || line+=" - $4"
  printf '%s\n\n' "$line"
}

# suite NAME TIMEOUT_S COMMAND...: runs COMMAND as one suite and records PASS or FAIL.
suite() {
  local name=$1 limit=$2
  shift 2
  local start=$SECONDS rc=0
  say "$name: $*"
  if have timeout; then
    timeout -k 15 "$limit" "$@" </dev/null &
  else
    "$@" </dev/null &
  fi
  CURRENT_PID=$!
  wait "$CURRENT_PID" || rc=$?
  # Anything the suite left behind in its process group (a browser, a server) goes too.
  if have timeout; then kill -TERM -- "-$CURRENT_PID" 2>/dev/null || true; fi
  CURRENT_PID=
  if [ "$rc" = 0 ]; then
    record PASS "$name" $((SECONDS - start))
  elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    record FAIL "$name" $((SECONDS - start)) "timed out after ${limit}s"
  else
    record FAIL "$name" $((SECONDS - start)) "exit code $rc"
  fi
  [ "$rc" = 0 ]
}

skip() { record SKIP "$1" 0 "$2"; }

# web_script NAME: true when web/package.json defines the npm script NAME.
web_script() {
  node -e 'const s = require(process.argv[1]).scripts || {}; process.exit(s[process.argv[2]] ? 0 : 1)' \
    "$ROOT/web/package.json" "$1"
}

# web_suite LABEL SCRIPT TIMEOUT_S: `npm run SCRIPT` in web/ as a suite, skipped when undefined.
web_suite() {
  if web_script "$2"; then
    suite "$1" "$3" npm --prefix "$ROOT/web" run --silent "$2"
  else
    skip "$1" "web/package.json has no '$2' script"
  fi
}

# Less noise from cargo when nobody watches (CI); warnings and errors still show.
cargo_quiet=()
[ -t 1 ] || cargo_quiet=(--quiet)

# --- 1. dependencies and the stack -----------------------------------------------------------
"$ROOT/scripts/install-deps.sh" --with-browser
# Under the lock above, a test stack still running is a leftover of an interrupted run.
"$ROOT/scripts/stack.sh" down "$STACK"
"$ROOT/scripts/stack.sh" up "$STACK" --ports free
# shellcheck disable=SC1091
source "$DIR/env"
echo

# --- 2. builds ---------------------------------------------------------------------------------
have_web=0
web_built=0
if [ -f web/package.json ]; then
  have_web=1
  if suite "web build" 600 npm --prefix "$ROOT/web" run --silent build; then web_built=1; fi
else
  skip "web build" "no web/package.json yet"
fi

built=0
if suite "cargo build" 2700 cargo build ${cargo_quiet[@]+"${cargo_quiet[@]}"} --workspace --all-targets; then built=1; fi

gateway_up=0
if [ "$built" = 1 ]; then
  if suite "migrate ensure-table" 120 "$BIN_DIR/migrate" ensure-table; then
    say "gateway: $BIN_DIR/parley-local on $BASE_URL (log: .stack/$STACK/gateway.log)"
    start=$SECONDS
    if [ ! -x "$BIN_DIR/parley-local" ]; then
      record FAIL "gateway start" 0 "$BIN_DIR/parley-local was not built (package local)"
    else
      start_bg "$DIR/gateway.pid" parley-local "$DIR/gateway.log" "$BIN_DIR/parley-local"
      GATEWAY_PID=$BG_PID
      if wait_until "gateway /healthz" 60 "$GATEWAY_PID" "$DIR/gateway.log" http_ok "$BASE_URL/healthz"; then
        gateway_up=1
        record PASS "gateway start" $((SECONDS - start))
      else
        record FAIL "gateway start" $((SECONDS - start)) "GET $BASE_URL/healthz never answered 200"
      fi
    fi
  else
    skip "gateway start" "migrate ensure-table failed"
  fi
else
  skip "migrate ensure-table" "cargo build failed"
  skip "gateway start" "cargo build failed"
fi

# --- 3. suites -------------------------------------------------------------------------------
if [ "$built" = 1 ]; then
  suite "cargo test" 1800 cargo test --no-fail-fast ${cargo_quiet[@]+"${cargo_quiet[@]}"} --workspace || true
else
  skip "cargo test" "cargo build failed"
fi

if [ "$have_web" = 1 ]; then
  web_suite "web typecheck" typecheck 600 || true
  web_suite "web lint" lint 600 || true
  web_suite "web unit tests" test 900 || true
  if [ "$gateway_up" = 1 ] && [ "$web_built" = 1 ]; then
    web_suite "web e2e" e2e 1200 || true
  else
    skip "web e2e" "needs the web build and a running gateway"
  fi
else
  skip "web checks" "no web/package.json yet"
fi

if [ -f template.yaml ]; then
  suite "cfn-lint" 300 "$VENV/bin/cfn-lint" template.yaml || true
  suite "sam validate" 300 env SAM_CLI_TELEMETRY=0 "$SAM_VENV/bin/sam" validate --lint --template template.yaml || true
  if [ -d tests/template ]; then
    suite "template tests" 300 "$VENV/bin/python" -m unittest discover -s tests/template -v || true
  else
    skip "template tests" "no tests/template folder"
  fi
else
  skip "template checks" "no template.yaml yet"
fi
# make deploy's web publishing against ministack (the stack's S3 and CloudFront stand-in).
suite "deploy tests" 300 "$VENV/bin/python" -m unittest discover -s tests/deploy -v || true

# Short forms here (file names, one line per lint); `make fmt` and `make lint` give the details.
suite "cargo fmt" 120 cargo fmt --all -- --check --files-with-diff ||
  note "the files above need formatting: run make fmt"
suite "cargo clippy" 2700 cargo clippy ${cargo_quiet[@]+"${cargo_quiet[@]}"} --message-format=short \
  --workspace --all-targets -- -D warnings || note "run make lint for the full explanation of each lint"

# --- 4. summary ------------------------------------------------------------------------------
if [ "${#failed[@]}" -gt 0 ] && [ -f "$DIR/gateway.log" ]; then
  tail_log "$DIR/gateway.log" 50 2>&1
fi
elapsed=$((SECONDS - T0))
say "summary (${elapsed}s in all)"
for r in "${results[@]}"; do
  IFS='|' read -r status name secs detail <<<"$r"
  if [ "$status" = SKIP ]; then
    printf '  %-4s  %-22s %6s  %s\n' "$status" "$name" "" "$detail"
  else
    printf '  %-4s  %-22s %5ss  %s\n' "$status" "$name" "$secs" "$detail"
  fi
done
if [ "${#failed[@]}" -gt 0 ]; then
  list=$(printf '%s, ' "${failed[@]}")
  printf 'make test: FAILED (%s of %s suites failed: %s)\n' "${#failed[@]}" "${#results[@]}" "${list%, }"
  exit 1
fi
printf 'make test: OK (no suite failed)\n'
