#!/usr/bin/env bash
# Deploys Parley to AWS: builds the functions (cargo-lambda, through sam build) and the web app,
# deploys the stack with SAM (guided the first time), publishes the web app to its bucket and
# prints the site's address and what to do next. What `make deploy` runs.
#
#   scripts/deploy.sh [dev|prod]      (default dev; the environments of samconfig.toml)
#
# Needs AWS credentials (AWS_PROFILE or the usual variables) and a region.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

config_env=${1:-dev}
case "$config_env" in
  dev | prod) ;;
  -h | --help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown environment '$config_env'" "usage: make deploy [ENV=dev|prod] (see samconfig.toml)" ;;
esac
cd "$ROOT"
export SAM_CLI_TELEMETRY=0
t0=$SECONDS

# --- tools ----------------------------------------------------------------------------------
python_venv "$SAM_VENV" "$TOOLS_DIR/requirements-sam.txt" sam ".tools/sam (the SAM CLI)"
if [ ! -d web/node_modules ]; then
  say "web: npm ci"
  npm --prefix web ci --no-audit --no-fund || die "npm ci failed in web/" "check the network to the npm registry, then rerun"
fi
SAM="$SAM_VENV/bin/sam"
PY="$SAM_VENV/bin/python"
export PATH="$SAM_VENV/bin:$PATH"
if ! have cargo-lambda; then
  say "cargo-lambda: pip install cargo-lambda (into .tools/sam; brings zig for the cross-build)"
  "$SAM_VENV/bin/pip" install -q --disable-pip-version-check cargo-lambda ||
    die "could not install cargo-lambda" "pip install cargo-lambda yourself, then rerun"
fi
"$PY" - <<'PY' || die "no AWS credentials or region" "set AWS_PROFILE (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) and AWS_REGION, then rerun"
import boto3
session = boto3.session.Session()
assert session.region_name, "no region"
print("==> AWS account", session.client("sts").get_caller_identity()["Account"], "in", session.region_name)
PY

stack=$(sed -n "/^\[$config_env.global.parameters\]/,/^\[/ s/^stack_name *= *\"\(.*\)\"/\1/p" samconfig.toml)
[ -n "$stack" ] || die "samconfig.toml has no stack_name for '$config_env'" "add [$config_env.global.parameters] stack_name = \"...\""

# --- build ----------------------------------------------------------------------------------
say "web app: npm --prefix web run build"
npm --prefix web run build || die "the web build failed" "see the errors above (npm --prefix web run typecheck)"
say "functions: sam build --config-env $config_env (cargo lambda build --release; the first build takes 5-10 minutes)"
"$SAM" build --config-env "$config_env" || die "sam build failed" "see the errors above; cargo-lambda and zig must be on PATH (pip install cargo-lambda)"

# --- deploy ---------------------------------------------------------------------------------
stack_exists() {
  "$PY" - "$stack" <<'PY'
import sys, boto3
from botocore.exceptions import ClientError
try:
    status = boto3.client("cloudformation").describe_stacks(StackName=sys.argv[1])["Stacks"][0]["StackStatus"]
except ClientError:
    sys.exit(1)
sys.exit(1 if status == "REVIEW_IN_PROGRESS" else 0)
PY
}
if stack_exists; then
  say "deploy: sam deploy --config-env $config_env (stack $stack)"
  "$SAM" deploy --config-env "$config_env" || die "sam deploy failed" "see the CloudFormation events above; fix and rerun make deploy"
else
  say "first deploy of stack $stack: sam deploy --guided (each parameter is explained in template.yaml)"
  note "answer N to 'Save arguments to configuration file': it would store the secrets in samconfig.toml"
  "$SAM" deploy --guided --config-env "$config_env" || die "sam deploy failed" "see the CloudFormation events above; fix and rerun make deploy"
fi

# --- web app --------------------------------------------------------------------------------
outputs=$("$PY" - "$stack" <<'PY'
import sys, boto3
stack = boto3.client("cloudformation").describe_stacks(StackName=sys.argv[1])["Stacks"][0]
for o in stack.get("Outputs", []):
    print(f"{o['OutputKey']}={o['OutputValue']}")
PY
)
output() { sed -n "s/^$1=//p" <<<"$outputs"; }
say "web app: publishing to $(output WebBucketName)"
"$PY" scripts/publish_web.py --bucket "$(output WebBucketName)" --distribution "$(output DistributionId)" ||
  die "publishing the web app failed" "rerun make deploy (publishing is safe to repeat)"

say "deployed $stack in $((SECONDS - t0)) s"
cat <<EOF2

  Site:           $(output AppUrl)
  Redirect URI:   $(output OidcRedirectUri)
  Migrate:        $(output MigrateFunctionName)

Next steps:
  1. Register the redirect URI above with your identity provider (README: Setting up sign-in).
  2. Run the data migrations a new version brings (README: Upgrading):
       aws lambda invoke --function-name $(output MigrateFunctionName) \\
         --cli-binary-format raw-in-base64-out --payload '{"command":"run","args":["--apply"]}' /dev/stdout
  3. Open the site and sign in: the first person to sign in becomes the admin.
EOF2
