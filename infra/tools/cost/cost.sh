#!/usr/bin/env bash
# Monthly cost of each environment, measured from its offline plan: plan.sh (terraform plan -json, no AWS call),
# then cost.js with the price table (prices.json: region and date stated) and the usage table (usage.json).
# Prints a Markdown table per environment, the account's free tier applied once, and the total.
# Needs terraform with the provider mirror (TF_CLI_CONFIG_FILE as infra/test.sh sets it) and node.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "${TF_CLI_CONFIG_FILE:-}" ]; then
  export TF_CLI_CONFIG_FILE="$work/offline.tfrc"
  printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' "${TF_PROVIDER_MIRROR:-/opt/tf-plugins}" >"$TF_CLI_CONFIG_FILE"
fi
for env in production staging dev; do
  "$here/plan.sh" "$env" >"$work/$env.json"
  node "$here/cost.js" "$env" "$work/$env.json"
  echo
done
node -e '
const p = require(process.argv[1] + "/prices.json"), f = p.account_free_tier;
const s = ["production", "staging", "dev"].map((e) => require(process.argv[2] + "/" + e + ".json.summary.json"));
const sum = (k) => s.reduce((n, x) => n + x[k], 0);
const free = Math.min(sum("alarmMetrics"), f.alarm_metrics) * p.alarm_metric_per_month
  + Math.min(sum("customMetrics"), f.custom_metrics) * p.custom_metric_per_month
  + Math.min(sum("dashboards"), f.dashboards) * p.dashboard_per_month;
const total = sum("total");
console.log(`all environments: $${total.toFixed(2)}/month at list prices; the account free tier (${f.alarm_metrics} alarm metrics, ${f.custom_metrics} custom metrics, ${f.dashboards} dashboards, applied once) takes $${free.toFixed(2)} off: $${(total - free).toFixed(2)}/month`);
' "$here" "$work"
