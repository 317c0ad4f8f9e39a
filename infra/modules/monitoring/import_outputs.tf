output "import_dashboard_name" {
  description = "The import's CloudWatch dashboard; null without an import cluster."
  value       = one(aws_cloudwatch_dashboard.import[*].dashboard_name)
}

output "import_reject_alarm_name" {
  description = "The alarm on a spike of rejected features in an import run; null without an import cluster."
  value       = one(aws_cloudwatch_metric_alarm.import_rejects[*].alarm_name)
}

output "import_alarm_names" {
  description = "The import's alarms by key: reject spike, failed executions, schedule dead letters (empty without an import cluster)."
  value = merge(
    { for a in aws_cloudwatch_metric_alarm.import_rejects : "reject-spike" => a.alarm_name },
    { for a in aws_cloudwatch_metric_alarm.import_executions : "execution-failed" => a.alarm_name },
    { for a in aws_cloudwatch_metric_alarm.import_schedule_dlq : "schedule-dead-letters" => a.alarm_name },
  )
}
