#!/usr/bin/env bash
# Deletes a Parley stack: empties its web bucket (the built app, which `make deploy` can publish
# again), deletes the stack with SAM, and says what was kept: the table and the uploads bucket
# hold the team's messages and files, so the stack never deletes them.
#
#   scripts/teardown.sh [dev|prod]    (what `make teardown` / `make teardown-prod` run)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

config_env=${1:-dev}
case "$config_env" in
  dev | prod) ;;
  *) die "unknown environment '$config_env'" "usage: make teardown | make teardown-prod" ;;
esac
cd "$ROOT"
export SAM_CLI_TELEMETRY=0
python_venv "$SAM_VENV" "$TOOLS_DIR/requirements-sam.txt" sam ".tools/sam (the SAM CLI)"
PY="$SAM_VENV/bin/python"
stack=$(sed -n "/^\[$config_env.global.parameters\]/,/^\[/ s/^stack_name *= *\"\(.*\)\"/\1/p" samconfig.toml)
[ -n "$stack" ] || die "samconfig.toml has no stack_name for '$config_env'" "add [$config_env.global.parameters] stack_name"

outputs=$("$PY" - "$stack" <<'PY' || die "stack $stack not found" "check AWS_PROFILE and AWS_REGION; nothing was changed"
import sys, boto3
stack = boto3.client("cloudformation").describe_stacks(StackName=sys.argv[1])["Stacks"][0]
for o in stack.get("Outputs", []):
    print(f"{o['OutputKey']}={o['OutputValue']}")
PY
)
output() { sed -n "s/^$1=//p" <<<"$outputs"; }

printf 'This deletes the stack %s (functions, APIs, distribution, web bucket, alarms).\n' "$stack"
printf 'The table %s and the uploads bucket %s are kept.\n' "$(output TableName)" "$(output UploadsBucketName)"
read -r -p "Type the stack name to go on: " answer
[ "$answer" = "$stack" ] || die "not confirmed" "nothing was changed"

say "emptying the web bucket $(output WebBucketName)"
"$PY" - "$(output WebBucketName)" <<'PY'
import sys, boto3
bucket = boto3.resource("s3").Bucket(sys.argv[1])
deleted = sum(len(r.get("Deleted", [])) for r in bucket.objects.delete())
print(f"  removed {deleted} objects")
PY
say "sam delete --stack-name $stack"
"$SAM_VENV/bin/sam" delete --stack-name "$stack" --no-prompts ||
  die "sam delete failed" "see the CloudFormation events of $stack; fix and run make teardown again"

cat <<EOF2

Deleted $stack. Kept, with the team's data:
  Table:           $(output TableName)   (deletion protection stays on if it was on)
  Uploads bucket:  $(output UploadsBucketName)
A new stack can adopt the table: deploy with ExistingTableName=$(output TableName) and
ExistingTableStreamArn (README: Backups and restore). To delete them for good:
  aws dynamodb update-table --table-name $(output TableName) --no-deletion-protection-enabled
  aws dynamodb delete-table --table-name $(output TableName)
  aws s3 rb s3://$(output UploadsBucketName) --force
EOF2
