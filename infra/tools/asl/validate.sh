#!/usr/bin/env bash
# Renders the Step Functions fan-out definition for every combination of options (report topic or none, region
# sync or none) and checks each with asl-validator (npm, pinned in package.json): the Amazon States Language
# schema, reachable and existing Next targets, JSONPath syntax and intrinsic functions. Needs terraform and npm.
# Prints one line per definition; exits non-zero when any is invalid.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -x "$here/node_modules/.bin/asl-validator" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --silent >/dev/null)
fi

cd "$here/render"
terraform init -backend=false -input=false -no-color >/dev/null
terraform apply -auto-approve -input=false -no-color -state="$work/terraform.tfstate" >/dev/null
terraform output -state="$work/terraform.tfstate" -json definitions >"$work/definitions.json"

status=0
for name in $(node -e 'console.log(Object.keys(require(process.argv[1])).join(" "))' "$work/definitions.json"); do
  node -e 'const d = require(process.argv[1]); process.stdout.write(d[process.argv[2]])' "$work/definitions.json" "$name" >"$work/$name.asl.json"
  if out="$("$here/node_modules/.bin/asl-validator" --json-path "$work/$name.asl.json" 2>&1)"; then
    echo "valid ASL: $name"
  else
    echo "INVALID ASL: $name"
    echo "$out" | sed 's/^/  /'
    status=1
  fi
done
[ "$(ls "$work"/*.asl.json | wc -l)" -eq 4 ] || { echo "expected 4 rendered definitions"; status=1; }
exit "$status"
