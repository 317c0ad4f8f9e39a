// Monthly estimate of one environment from its offline plan (terraform show -json), the price table and the usage
// table kept next to this file. Priced resources are counted from the plan, so the docs cannot drift from it.
// Usage: node cost.js <env> <plan.json>   Prints a Markdown table and a last line "<env>: N resources, $X.XX/month".
"use strict";
const fs = require("fs");
const path = require("path");
const [env, planPath] = process.argv.slice(2);
const prices = require(path.join(__dirname, "prices.json"));
const usage = require(path.join(__dirname, "usage.json"))[env] || {};
const plan = JSON.parse(fs.readFileSync(planPath, "utf8"));
const resources = plan.resource_changes.filter((r) => r.mode === "managed" && r.change.actions.includes("create"));
const of = (type) => resources.filter((r) => r.type === type);
const h = prices.hours_per_month;
const lines = [];
const add = (line, count, unit, dollars) => lines.push({ line, count, unit, dollars });

for (const db of of("aws_db_instance")) {
  const a = db.change.after;
  const rate = prices.rds_postgresql_instance_per_hour[a.instance_class];
  if (rate === undefined) throw new Error(`no price for ${a.instance_class} in prices.json`);
  add(`RDS ${a.instance_class} Single-AZ (${db.address})`, 1, `$${rate}/h`, rate * h);
  add(`RDS gp3 storage, ${a.allocated_storage} GB (backups up to its size are free)`, a.allocated_storage, `$${prices.rds_gp3_per_gb_month}/GB-month`, a.allocated_storage * prices.rds_gp3_per_gb_month);
  if (a.manage_master_user_password) add("RDS-managed master user secret", 1, `$${prices.secret_per_month}/month`, prices.secret_per_month);
}
const endpoints = of("aws_vpc_endpoint").filter((e) => e.change.after.vpc_endpoint_type === "Interface");
for (const e of endpoints) {
  const azs = (e.change.after.subnet_ids || []).length || 1;
  add(`Interface endpoint ${e.change.after.service_name.split(".").pop()}, ${azs} AZ`, azs, `$${prices.interface_endpoint_per_az_hour}/AZ-h`, azs * prices.interface_endpoint_per_az_hour * h);
}
const secrets = of("aws_secretsmanager_secret").length;
if (secrets) add("Secrets Manager secrets", secrets, `$${prices.secret_per_month}/month`, secrets * prices.secret_per_month);
// An alarm is billed per metric it reads (a metric-math alarm over 3 metrics is 3).
const alarmMetrics = of("aws_cloudwatch_metric_alarm").reduce((n, a) => {
  const queries = (a.change.after.metric_query || []).filter((q) => (q.metric || []).length > 0).length;
  return n + (queries || 1);
}, 0);
if (alarmMetrics) add(`CloudWatch alarms (${of("aws_cloudwatch_metric_alarm").length}), by metric`, alarmMetrics, `$${prices.alarm_metric_per_month}/metric-month`, alarmMetrics * prices.alarm_metric_per_month);
const customMetrics = of("aws_cloudwatch_log_metric_filter").length;
if (customMetrics) add("Custom metrics from log metric filters", customMetrics, `$${prices.custom_metric_per_month}/metric-month`, customMetrics * prices.custom_metric_per_month);
const dashboards = of("aws_cloudwatch_dashboard").length;
if (dashboards) add("CloudWatch dashboards", dashboards, `$${prices.dashboard_per_month}/month`, dashboards * prices.dashboard_per_month);
for (const [line, dollars] of Object.entries(usage)) add(`${line} (usage estimate, usage.json)`, "", "", dollars);

const total = lines.reduce((s, l) => s + l.dollars, 0);
console.log(`### ${env}: ${resources.length} resources planned\n`);
console.log("| line | count | price | $/month |\n|---|---|---|---|");
for (const l of lines) console.log(`| ${l.line} | ${l.count} | ${l.unit} | ${l.dollars.toFixed(2)} |`);
console.log(`| **total (list prices, no free tier)** | | | **${total.toFixed(2)}** |\n`);
const summary = { env, resources: resources.length, total: Number(total.toFixed(2)), alarmMetrics, customMetrics, dashboards };
fs.writeFileSync(`${planPath}.summary.json`, JSON.stringify(summary));
console.log(`${env}: ${resources.length} resources, $${total.toFixed(2)}/month`);
