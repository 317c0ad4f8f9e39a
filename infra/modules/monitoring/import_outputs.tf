output "import_dashboard_name" {
  description = "The import's CloudWatch dashboard; null without an import cluster."
  value       = one(aws_cloudwatch_dashboard.import[*].dashboard_name)
}

output "import_reject_alarm_name" {
  description = "The alarm on a spike of rejected features in an import run; null without an import cluster."
  value       = one(aws_cloudwatch_metric_alarm.import_rejects[*].alarm_name)
}
