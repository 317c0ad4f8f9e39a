#!/usr/bin/env bash
# Starts the worker's ECS task by hand with one verb and its arguments: rerun one state, revert, sync the regions,
# status, plan, prune the backups. It reads the run-task parameters from the Terraform output `import_run_task`
# (JSON data, never a shell string), builds the container override as JSON (jq, else python3), and runs
# `aws ecs run-task` with an argument list, so nothing is re-split or re-quoted by a shell.
#
# Usage: scripts/ecs-run.sh [--chdir DIR | --outputs FILE] [-e NAME=VALUE]... [--endpoint-url URL] [--print] [--]
#                           VERB [ARG...]
#   --chdir DIR       the Terraform configuration (e.g. infra/envs/production): reads `terraform -chdir=DIR output
#                     -json import_run_task` (default: infra/envs/production)
#   --outputs FILE    that output's JSON in a file instead (`terraform output -json import_run_task > FILE`)
#   -e NAME=VALUE     a container environment variable for this run (TIGER_FORCE=true…); repeatable
#   --endpoint-url    passed to the AWS CLI (LocalStack; the offline test)
#   --print           print the whole argument list the AWS CLI would get (`ecs`, `run-task`, …, `--endpoint-url`
#                     when given), one JSON string per line, and run nothing
#   VERB [ARG...]     the container's command: import, plan, status, revert, prune-backups, sync-regions, rejects,
#                     with the worker's own options (`revert --year 2024 --layers PLACE --states TX`)
# Examples:
#   scripts/ecs-run.sh import --year 2024 --layers PLACE,COUSUB --states TX --force
#   scripts/ecs-run.sh revert --year 2024 --layers PLACE --states TX
#   scripts/ecs-run.sh sync-regions --year 2024 --states NM
#   scripts/ecs-run.sh status --json
# Exit: the AWS CLI's exit code; 2 for a usage error of this script or an unreadable Terraform output (no
# `terraform init`, no `import_run_task` output), before the AWS CLI is called.
set -euo pipefail

verbs=(import plan status revert prune-backups sync-regions rejects)
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
chdir="$root/infra/envs/production"
outputs=""
endpoint=()
print=false
environment=()

usage() { echo "ecs-run: $1 (see the usage at the top of scripts/ecs-run.sh)" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --chdir) [ $# -ge 2 ] || usage "--chdir needs a directory"; chdir="$2"; shift 2 ;;
    --outputs) [ $# -ge 2 ] || usage "--outputs needs a file"; outputs="$2"; shift 2 ;;
    --endpoint-url) [ $# -ge 2 ] || usage "--endpoint-url needs a URL"; endpoint=(--endpoint-url "$2"); shift 2 ;;
    -e)
      [ $# -ge 2 ] || usage "-e needs NAME=VALUE"
      [[ "$2" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || usage "-e takes NAME=VALUE, not '$2'"
      environment+=("$2"); shift 2 ;;
    --print) print=true; shift ;;
    --) shift; break ;;
    -*) usage "unknown option '$1'" ;;
    *) break ;;
  esac
done

[ $# -gt 0 ] || usage "no verb given: one of ${verbs[*]}"
# The known verb nearest to a mistyped one (Levenshtein distance at most 3), as the worker suggests; empty when none is near.
nearest_verb() {
  awk -v word="$1" -v verbs="${verbs[*]}" 'BEGIN {
    n = split(verbs, list, " "); best = ""; bestd = 4
    for (v = 1; v <= n; v++) {
      a = word; b = list[v]; la = length(a); lb = length(b)
      for (j = 0; j <= lb; j++) prev[j] = j
      for (i = 1; i <= la; i++) {
        cur[0] = i
        for (j = 1; j <= lb; j++) {
          cost = substr(a, i, 1) == substr(b, j, 1) ? 0 : 1
          d = prev[j] + 1; if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1; if (prev[j - 1] + cost < d) d = prev[j - 1] + cost
          cur[j] = d
        }
        for (j = 0; j <= lb; j++) prev[j] = cur[j]
      }
      if (prev[lb] < bestd) { bestd = prev[lb]; best = b }
    }
    print best }'
}

known=false
for verb in "${verbs[@]}"; do [ "$1" = "$verb" ] && known=true; done
if ! $known; then
  suggestion="$(nearest_verb "$1")"
  usage "unknown verb '$1'${suggestion:+ (did you mean '$suggestion'?)}: one of ${verbs[*]}"
fi

if [ -n "$outputs" ]; then
  [ -r "$outputs" ] || usage "cannot read --outputs $outputs"
  task="$(cat "$outputs")"
else
  command -v terraform >/dev/null 2>&1 || usage "terraform is not on PATH: give --outputs FILE"
  if ! task="$(terraform -chdir="$chdir" output -no-color -json import_run_task 2>"${TMPDIR:-/tmp}/ecs-run.$$.err")"; then
    # Terraform's error, whole: warnings (a CLI-config one) come first and would hide it, so it starts at the first
    # "Error:" (all of stderr when there is none); colour codes and the box-drawing margin go.
    reason="$(sed 's/\x1b\[[0-9;]*m//g; s/^[[:space:]│╷╵]*//' "${TMPDIR:-/tmp}/ecs-run.$$.err" | grep -v '^[[:space:]]*$' \
      | awk '/^Error:/ && !seen { seen = 1; kept = "" } { kept = kept (kept == "" ? "" : " ") $0 } END { print kept }')"
    rm -f "${TMPDIR:-/tmp}/ecs-run.$$.err"
    usage "cannot read the Terraform output import_run_task in $chdir (has 'terraform init' and 'terraform apply' run there? or give --outputs FILE): ${reason:-terraform failed}"
  fi
  rm -f "${TMPDIR:-/tmp}/ecs-run.$$.err"
fi

# Reads the output and builds the arguments: one per line, each a JSON string (so any value survives).
build_jq() {
  # Each argument as --arg (jq 1.6 would read a positional "--year" as its own option).
  local count=$1 named=() i=0
  shift
  for value in "$@"; do named+=(--arg "a$i" "$value"); i=$((i + 1)); done
  jq -r --argjson count "$count" --argjson total "$#" "${named[@]}" '
    def need($k): if (.[$k] | type) == "null" then error("the output import_run_task has no \($k)") else .[$k] end;
    [range($total) as $i | $ARGS.named["a\($i)"]] as $a | $a[:$count] as $env | $a[$count:] as $command
    | ["--region", need("region"), "--cluster", need("cluster"), "--task-definition", need("task_definition"),
       "--launch-type", need("launch_type"),
       "--network-configuration", (need("network_configuration") | tojson),
       "--overrides", ({containerOverrides: [{name: need("container_name"), command: $command}
                        + (if ($env | length) > 0 then {environment: [$env[] | index("=") as $i | {name: .[:$i], value: .[$i + 1:]}]} else {} end)]}
                       | tojson)]
    | .[] | tojson'
}

build_python() {
  python3 -c '
import json, sys
task = json.loads(sys.stdin.read())
count = int(sys.argv[1])
env, command = sys.argv[2:2 + count], sys.argv[2 + count:]
def need(key):
    if task.get(key) is None:
        sys.exit(f"ecs-run: the output import_run_task has no {key}")
    return task[key]
override = {"name": need("container_name"), "command": command}
if env:
    override["environment"] = [dict(zip(("name", "value"), e.split("=", 1))) for e in env]
out = ["--region", need("region"), "--cluster", need("cluster"), "--task-definition", need("task_definition"),
       "--launch-type", need("launch_type"),
       "--network-configuration", json.dumps(need("network_configuration"), separators=(",", ":")),
       "--overrides", json.dumps({"containerOverrides": [override]}, separators=(",", ":"))]
for a in out:
    print(json.dumps(a))
' "$@"
}

if command -v jq >/dev/null 2>&1 && [ "${ECS_RUN_JSON_TOOL:-jq}" = jq ]; then
  lines="$(build_jq "${#environment[@]}" "${environment[@]}" "$@" <<<"$task")" || usage "cannot read the output import_run_task"
else
  command -v python3 >/dev/null 2>&1 || usage "needs jq or python3 to build the JSON"
  lines="$(build_python "${#environment[@]}" "${environment[@]}" "$@" <<<"$task")" || usage "cannot read the output import_run_task"
fi

# Each line is a JSON string: decode it back into one argument (values may hold spaces, quotes or newlines).
decode() { if command -v jq >/dev/null 2>&1; then jq -r '.' <<<"$1"; else python3 -c 'import json,sys; print(json.loads(sys.argv[1]))' "$1"; fi; }
arguments=(ecs run-task)
while IFS= read -r line; do
  arguments+=("$(decode "$line")")
done <<<"$lines"
arguments+=("${endpoint[@]}")

if $print; then
  printf '"ecs"\n"run-task"\n%s\n' "$lines"
  if [ ${#endpoint[@]} -gt 0 ]; then
    printf '"--endpoint-url"\n'
    if command -v jq >/dev/null 2>&1; then jq -n --arg u "${endpoint[1]}" '$u'; else python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "${endpoint[1]}"; fi
  fi
  exit 0
fi
command -v aws >/dev/null 2>&1 || usage "the AWS CLI (aws) is not on PATH (scripts/install-deps.sh awscli)"
exec aws "${arguments[@]}"
