#!/usr/bin/env bash
# Offline test of scripts/ecs-run.sh, the runbook's way to start the import task by hand: for each operator task
# (rerun one state, revert, sync the regions, status) the arguments the AWS CLI would receive, built with jq and with
# python3, carry the expected override; then the real AWS CLI parses them against a closed local endpoint
# (127.0.0.1:9), where a parameter error ("Error parsing parameter", "Parameter validation failed") is told apart
# from the connection error every correct call ends in. A control call in the runbook's old form
# (`$(terraform output -raw …)` keeps its single quotes) must fail parsing, so the check can fail.
# The fixture has the keys of the geodata-import module's `run_task` output (its tftest pins the same key set).
# Without the AWS CLI (scripts/install-deps.sh awscli) the CLI's half is skipped with a message; AWS_CLI picks the binary.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
run="$root/scripts/ecs-run.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

cat >"$work/run_task.json" <<'EOF'
{"region": "us-east-1", "cluster": "coalition-builder-production-geodata-import",
 "task_definition": "coalition-builder-production-geodata-import", "launch_type": "FARGATE",
 "container_name": "tigerimport",
 "network_configuration": {"awsvpcConfiguration": {"subnets": ["subnet-0a1", "subnet-0b2"],
                           "securityGroups": ["sg-0c3"], "assignPublicIp": "ENABLED"}}}
EOF

# name | ecs-run.sh arguments (one per line) | expected override (jq -S -c of containerOverrides[0])
cases=(
  "rerun one state|-e
TIGER_FORCE=true
import
--year
2024
--layers
PLACE,COUSUB
--states
TX|{\"command\":[\"import\",\"--year\",\"2024\",\"--layers\",\"PLACE,COUSUB\",\"--states\",\"TX\"],\"environment\":[{\"name\":\"TIGER_FORCE\",\"value\":\"true\"}],\"name\":\"tigerimport\"}"
  "revert|revert
--year
2024
--layers
PLACE
--states
TX|{\"command\":[\"revert\",\"--year\",\"2024\",\"--layers\",\"PLACE\",\"--states\",\"TX\"],\"name\":\"tigerimport\"}"
  "sync-regions|sync-regions
--year
2024
--states
NM,HI|{\"command\":[\"sync-regions\",\"--year\",\"2024\",\"--states\",\"NM,HI\"],\"name\":\"tigerimport\"}"
  "status --json|status
--json|{\"command\":[\"status\",\"--json\"],\"name\":\"tigerimport\"}"
  "a value with quotes and spaces|-e
TIGER_NOTE=it's a \"test\" = \$HOME
plan|{\"command\":[\"plan\"],\"environment\":[{\"name\":\"TIGER_NOTE\",\"value\":\"it's a \\\"test\\\" = \$HOME\"}],\"name\":\"tigerimport\"}"
)

decode_args() { # JSON-string lines → a NUL-separated argument list
  jq -j '. + "\u0000"'
}

for tool in jq python; do
  for case in "${cases[@]}"; do
    IFS='|' read -r name args expected <<<"$(printf '%s' "$case" | tr '\n' '\001')"
    mapfile -t argv < <(printf '%s' "$args" | tr '\001' '\n')
    expected="$(printf '%s' "$expected" | tr '\001' '\n')"
    if ! lines="$(ECS_RUN_JSON_TOOL=$tool "$run" --outputs "$work/run_task.json" --print "${argv[@]}" 2>&1)"; then
      fail "$tool, $name: ecs-run.sh --print failed: $lines"
      continue
    fi
    mapfile -d '' -t built < <(printf '%s\n' "$lines" | decode_args)
    [ "${built[0]} ${built[1]}" = "ecs run-task" ] || fail "$tool, $name: --print does not start with 'ecs run-task': ${built[*]:0:2}"
    overrides="" network=""
    for i in "${!built[@]}"; do
      [ "${built[$i]}" = "--overrides" ] && overrides="${built[$((i + 1))]}"
      [ "${built[$i]}" = "--network-configuration" ] && network="${built[$((i + 1))]}"
    done
    got="$(jq -S -c '.containerOverrides[0]' <<<"$overrides" 2>&1)" || { fail "$tool, $name: --overrides is not JSON: $overrides"; continue; }
    [ "$got" = "$(jq -S -c . <<<"$expected")" ] || fail "$tool, $name: override $got, expected $expected"
    [ "$(jq -S -c . <<<"$network")" = "$(jq -S -c .network_configuration "$work/run_task.json")" ] || fail "$tool, $name: network $network"
    printf '%s\0' "${built[@]}" >"$work/$tool-${name// /_}.args"
  done
done
for file in "$work"/jq-*.args; do
  cmp -s "$file" "$work/python-${file#"$work/jq-"}" || fail "$(basename "$file" .args): jq and python3 build different arguments"
done
echo "ecs-run: ${#cases[@]} operator tasks built with jq and with python3, the same arguments from both"

# --print shows --endpoint-url too: the whole list the AWS CLI gets.
for tool in jq python; do
  last="$(ECS_RUN_JSON_TOOL=$tool "$run" --outputs "$work/run_task.json" --endpoint-url http://127.0.0.1:9 --print status | tail -2 | tr '\n' ' ')"
  [ "$last" = '"--endpoint-url" "http://127.0.0.1:9" ' ] || fail "$tool: --print does not end with --endpoint-url: $last"
done

# Terraform that cannot give the output (no init, no such output): exit 2 with a message naming it, not Terraform's 1.
# Its error comes after a CLI-config warning of more than 3 lines (as a plugin cache that does not exist gives one).
mkdir -p "$work/bin"
cat >"$work/bin/terraform" <<'TF'
#!/bin/sh
printf '\033[33m╷\033[0m\n│ \033[33mWarning: \033[0mUnable to open CLI configuration file\n│\n│ The CLI configuration file at "/nowhere/.terraformrc" does not exist.\n╵\n' >&2
printf '\033[31m╷\033[0m\n│ \033[31mError: \033[0mBackend initialization required, please run "terraform init"\n│\n│ Reason: Initial configuration of the requested backend "s3"\n╵\n' >&2
exit 1
TF
chmod +x "$work/bin/terraform"
code=0
out="$(PATH="$work/bin:$PATH" "$run" --chdir "$work" --print status 2>&1)" || code=$?
[ "$code" -eq 2 ] || fail "terraform failing: exit $code, expected 2: $out"
grep -q "cannot read the Terraform output import_run_task in $work" <<<"$out" || fail "terraform failing: no clear message: $out"
grep -q 'Error: Backend initialization required, please run "terraform init" Reason: Initial configuration of the requested backend "s3"' <<<"$out" \
  || fail "terraform failing: Terraform's error is not passed on whole: $out"
! grep -q "Warning:" <<<"$out" || fail "terraform failing: the warning before the error is passed on instead: $out"
! grep -q $'\033' <<<"$out" || fail "terraform failing: the message keeps Terraform's colour codes: $out"

# A mistyped verb: exit 2 naming the nearest one, as the worker does.
code=0
out="$("$run" --outputs "$work/run_task.json" --print revrt --year 2024 2>&1)" || code=$?
[ "$code" -eq 2 ] || fail "mistyped verb: exit $code, expected 2: $out"
grep -q "unknown verb 'revrt' (did you mean 'revert'?)" <<<"$out" || fail "mistyped verb: no suggestion: $out"
out="$("$run" --outputs "$work/run_task.json" --print zzzzzzzzzz 2>&1)" || true
! grep -q "did you mean" <<<"$out" || fail "a verb near none: a suggestion anyway: $out"
echo "ecs-run: --print ends with --endpoint-url; a failing terraform is exit 2 with its whole error; a mistyped verb names the nearest"

aws="${AWS_CLI:-aws}"
if ! command -v "$aws" >/dev/null 2>&1; then
  echo "ecs-run: the AWS CLI's parsing is skipped: no '$aws' on PATH (scripts/install-deps.sh awscli installs it)"
  [ "$failures" -eq 0 ]
  exit
fi

# The AWS CLI against a closed port: parsing and validation happen first, the connection fails after them.
aws_parse() {
  env -u AWS_PROFILE -u AWS_SESSION_TOKEN AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_CONFIG_FILE=/dev/null \
    AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_MAX_ATTEMPTS=1 AWS_EC2_METADATA_DISABLED=true AWS_PAGER= \
    "$aws" "$@" --endpoint-url http://127.0.0.1:9 2>&1 || true
}
parsed_ok() { grep -q 'Could not connect to the endpoint URL' <<<"$1" && ! grep -qE 'Error parsing parameter|Parameter validation failed|Unknown options|Invalid JSON' <<<"$1"; }

version="$("$aws" --version 2>&1 | head -1)"
for file in "$work"/jq-*.args; do
  mapfile -d '' -t built <"$file"
  out="$(aws_parse "${built[@]}")"
  parsed_ok "$out" || fail "$(basename "$file" .args): the AWS CLI did not accept the arguments: $out"
done

# The same through the script itself (it execs the AWS CLI with --endpoint-url).
out="$(env -u AWS_PROFILE -u AWS_SESSION_TOKEN AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
  AWS_MAX_ATTEMPTS=1 AWS_EC2_METADATA_DISABLED=true PATH="$(dirname "$(command -v "$aws")"):$PATH" \
  "$run" --outputs "$work/run_task.json" --endpoint-url http://127.0.0.1:9 revert --year 2024 --layers PLACE 2>&1 || true)"
parsed_ok "$out" || fail "ecs-run.sh revert: the AWS CLI did not accept the arguments: $out"

# Control: the old runbook line, `$(terraform output -raw import_run_task_command) --overrides '…'`: word splitting
# keeps the output's single quotes, and the AWS CLI refuses --network-configuration.
old="aws ecs run-task --region us-east-1 --cluster c --task-definition t --launch-type FARGATE --network-configuration 'awsvpcConfiguration={subnets=[subnet-0a1],securityGroups=[sg-0c3],assignPublicIp=ENABLED}'"
read -r -a old_argv <<<"$old"
out="$(aws_parse "${old_argv[@]:1}" --overrides '{"containerOverrides":[]}')"
grep -q "Error parsing parameter '--network-configuration'" <<<"$out" || fail "control: the old form was not refused by the AWS CLI's parser: $out"

echo "ecs-run: $((${#cases[@]} + 1)) calls parsed by $version against a closed endpoint; the old form refused"
[ "$failures" -eq 0 ]
