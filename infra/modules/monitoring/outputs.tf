output "sns_topic_arn" {
  description = "Alarm topic; subscribe more endpoints to it."
  value       = aws_sns_topic.this.arn
}

output "lambda_log_group_name" {
  description = "The Lambda's log group."
  value       = aws_cloudwatch_log_group.lambda.name
}

output "log_retention_days" {
  description = "Retention of the log groups created here."
  value       = aws_cloudwatch_log_group.lambda.retention_in_days
}

output "alarm_names" {
  description = "Metric alarm names by key."
  value       = { for k, a in aws_cloudwatch_metric_alarm.this : k => a.alarm_name }
}

output "failed_import_rule_name" {
  description = "EventBridge rule for failed imports, or null."
  value       = one(aws_cloudwatch_event_rule.failed_import[*].name)
}

output "lambda_metrics" {
  description = "Custom metrics read from the function's REPORT lines (namespace/name): cold starts (InitDuration sample count) and peak memory."
  value       = { for k, f in aws_cloudwatch_log_metric_filter.lambda : k => "${one(f.metric_transformation).namespace}/${one(f.metric_transformation).name}" }
}
