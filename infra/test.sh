#!/usr/bin/env bash
# Offline checks of infra/: terraform fmt, the repository rules below, then for every module, example and
# environment `terraform init` (from the provider mirror) + `terraform validate` + `terraform test` (when it has
# tests/); the Step Functions definitions through asl-validator (tools/asl); the README's cost figures against
# tools/cost (offline plans); scripts/ecs-run.sh's arguments through the AWS CLI's parser (tools/ecs-run). Prints one line per check, a failing check's output, and `terraform: N passed, N failed` last.
# Environment: TF_PROVIDER_MIRROR (default /opt/tf-plugins), TF_CHECK_JOBS (default: number of CPUs).
set -euo pipefail

infra="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mirror="${TF_PROVIDER_MIRROR:-/opt/tf-plugins}"

if ! command -v terraform >/dev/null 2>&1 || [ ! -d "$mirror" ]; then
  echo "terraform: checks skipped: they need terraform on PATH and the hashicorp/aws provider mirror at $mirror"
  echo "terraform: 0 passed, 0 failed"
  exit 0
fi

started=$SECONDS
# infra/.terraform/ is git-ignored (.terraform/ at any depth): the generated CLI config.
# No plugin cache: parallel inits writing one shared cache race ("Failed to install provider ... file exists").
# From an unpacked filesystem mirror, init links each directory's provider to the mirror instead of copying it,
# so nothing shared is written at once, and nothing is copied.
work="$infra/.terraform"
mkdir -p "$work"
cat >"$work/offline.tfrc" <<EOF
provider_installation {
  filesystem_mirror {
    path = "$mirror"
  }
}
EOF
export TF_CLI_CONFIG_FILE="$work/offline.tfrc"
unset TF_PLUGIN_CACHE_DIR
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

# Repository rules that no single directory's tests can see.
check_rules() {
  local tf_files status=0
  mapfile -t tf_files < <(find "$infra" -type f -name '*.tf' -not -path '*/.terraform/*' | sort)

  if grep -n 'resource "aws_nat_gateway"' "${tf_files[@]}"; then
    echo "A NAT gateway is declared: the cost plan has none (import tasks use public IPs, Lambda uses endpoints)."
    status=1
  fi
  if grep -n 'resource "aws_s3_bucket"' "${tf_files[@]}" | grep -v "^$infra/modules/s3-bucket/main.tf:"; then
    echo "Buckets are made only through modules/s3-bucket (public access block, encryption, TLS-only policy)."
    status=1
  fi
  if grep -nE 'resource "aws_secretsmanager_secret_(version|rotation)"' "${tf_files[@]}"; then
    echo "Secret values and rotation stay out of Terraform (no secret in state; rotation is manual)."
    status=1
  fi
  if grep -nE '^\s*source\s*=\s*"[^./]' "${tf_files[@]}" | grep -v '"hashicorp/aws"'; then
    echo "Only the hashicorp/aws provider and local modules are allowed (offline, one provider)."
    status=1
  fi
  # Every variable has a description and a type, every output a description (blocks end at a "}" in column 1).
  awk '
    /^(variable|output) "/ { kind = $1; name = $2; line = FNR; desc = 0; type = 0; next }
    kind != "" && /^  description *=/ { desc = 1 }
    kind != "" && /^  type *=/ { type = 1 }
    kind != "" && /^}/ {
      if (!desc || (kind == "variable" && !type)) { print FILENAME ":" line ": " kind " " name " needs a description" (kind == "variable" ? " and a type" : ""); bad = 1 }
      kind = ""
    }
    END { exit bad }
  ' "${tf_files[@]}" || status=1
  local dir file
  # Applied configurations pin the provider build (see README.md "Provider lock files").
  for dir in "$infra"/envs/*/ "$infra"/examples/*/; do
    [ -f "$dir/main.tf" ] || continue
    grep -q 'version     = "5.100.0"' "$dir.terraform.lock.hcl" 2>/dev/null ||
      { echo "${dir#"$infra"/}.terraform.lock.hcl is missing or does not pin hashicorp/aws 5.100.0"; status=1; }
  done
  for dir in "$infra"/modules/*/; do
    for file in main.tf variables.tf outputs.tf versions.tf README.md; do
      [ -f "$dir$file" ] || { echo "${dir#"$infra"/}$file is missing"; status=1; }
    done
  done
  return "$status"
}

# The fan-out's Step Functions definition, rendered for every combination of options, through asl-validator (npm).
check_asl() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "asl-validator needs node and npm (scripts/install-deps.sh npm installs them)."
    return 1
  fi
  "$infra/tools/asl/validate.sh"
}

# The cost figures in README.md ("Monthly cost") are the ones tools/cost measures from the offline plans.
check_cost() {
  local out line status=0
  out="$("$infra/tools/cost/cost.sh")" || { echo "$out"; return 1; }
  echo "$out" | grep -E '^(production|staging|dev): [0-9]+ resources|^all environments: ' >"$results/cost.lines"
  [ "$(wc -l <"$results/cost.lines")" -eq 4 ] || { echo "tools/cost/cost.sh printed no summary lines:"; echo "$out"; return 1; }
  while IFS= read -r line; do
    grep -qxF "$line" "$infra/README.md" || { echo "README.md 'Monthly cost' lacks the measured line: $line"; status=1; }
  done <"$results/cost.lines"
  return "$status"
}

# The runbook's scripts/ecs-run.sh: the arguments it gives the AWS CLI parse (tools/ecs-run/test.sh).
check_ecs_run() {
  command -v jq >/dev/null 2>&1 || { echo "tools/ecs-run/test.sh needs jq (scripts/install-deps.sh awscli installs it)."; return 1; }
  "$infra/tools/ecs-run/test.sh"
}

# One directory: init from the mirror, validate, and test when it has tests/.
check_dir() {
  local dir="$1" log="$2" started=$SECONDS status=0
  {
    (cd "$infra/$dir" &&
      terraform init -backend=false -input=false -no-color >/dev/null &&
      terraform validate -no-color &&
      if [ -d tests ]; then terraform test -no-color; fi) || status=1
  } >"$log" 2>&1
  echo "$status $((SECONDS - started))" >"$log.status"
}
export -f check_dir
export infra

record() { # name, status, seconds, log
  if [ "$2" = 0 ]; then
    passed=$((passed + 1))
    printf 'ok    %-32s %3ss\n' "$1" "$3"
  else
    failed=$((failed + 1))
    printf 'FAIL  %-32s %3ss\n' "$1" "$3"
    sed 's/^/      /' "$4"
  fi
}

passed=0
failed=0

fmt_status=0
terraform fmt -check -recursive -diff -no-color "$infra" >"$results/fmt.log" 2>&1 || fmt_status=1
record "terraform fmt" "$fmt_status" 0 "$results/fmt.log"

rules_status=0
check_rules >"$results/rules.log" 2>&1 || rules_status=1
record "repository rules" "$rules_status" 0 "$results/rules.log"

asl_started=$SECONDS
asl_status=0
check_asl >"$results/asl.log" 2>&1 || asl_status=1
record "step functions definitions (ASL)" "$asl_status" "$((SECONDS - asl_started))" "$results/asl.log"

cost_started=$SECONDS
cost_status=0
check_cost >"$results/cost.log" 2>&1 || cost_status=1
record "cost figures match the plans" "$cost_status" "$((SECONDS - cost_started))" "$results/cost.log"

ecs_started=$SECONDS
ecs_status=0
check_ecs_run >"$results/ecs-run.log" 2>&1 || ecs_status=1
record "ecs-run.sh arguments parse" "$ecs_status" "$((SECONDS - ecs_started))" "$results/ecs-run.log"
[ "$ecs_status" != 0 ] || sed 's/^/      /' "$results/ecs-run.log"

dirs=()
for dir in "$infra"/modules/*/ "$infra"/examples/*/ "$infra"/envs/*/; do
  dir="${dir#"$infra"/}"
  [ -f "$infra/$dir/main.tf" ] && dirs+=("${dir%/}")
done

log_of() { echo "$results/${1//\//_}.log"; }
export -f log_of
export results

printf '%s\n' "${dirs[@]}" |
  xargs -P "${TF_CHECK_JOBS:-$(nproc 2>/dev/null || echo 2)}" -I{} bash -c 'check_dir "$1" "$(log_of "$1")"' _ {}

for dir in "${dirs[@]}"; do
  read -r status seconds <"$(log_of "$dir").status"
  record "$dir" "$status" "$seconds" "$(log_of "$dir")"
done

echo "terraform: checks took $((SECONDS - started))s"
echo "terraform: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
