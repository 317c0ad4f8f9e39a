mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  environment           = "production"
  lambda_function_name  = "coalition-builder-production"
  api_name              = "coalition-builder-production"
  ecs_cluster_name      = "coalition-builder-production-geodata-import"
  import_log_group_name = "/ecs/coalition-builder-production-geodata-import"

  import_state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:coalition-builder-production-geodata-import"
  import_schedule_dlq_name = "coalition-builder-production-geodata-import-schedule-dlq"
}

run "dashboard_and_reject_spike_alarm" {
  command = apply

  assert {
    condition     = aws_cloudwatch_dashboard.import[0].dashboard_name == "coalition-builder-production-tiger-import"
    error_message = "The import has a dashboard named after the environment."
  }

  assert {
    condition = toset([for w in jsondecode(aws_cloudwatch_dashboard.import[0].dashboard_body).widgets : lookup(w.properties, "title", "")]) == toset([
      "Last runs", "Rows loaded per layer", "Rejected features", "Duration (ms)", "Failures", "Import alarms",
    ])
    error_message = "The dashboard shows the last runs, rows, rejects, duration, failures and the import alarms."
  }

  assert {
    condition = alltrue(flatten([
      for w in jsondecode(aws_cloudwatch_dashboard.import[0].dashboard_body).widgets : [
        for m in w.properties.metrics : strcontains(jsonencode(m), "TigerImport")
      ] if w.type == "metric"
    ]))
    error_message = "Every metric widget reads the namespace the worker's EMF lines write (TigerImport)."
  }

  assert {
    condition = strcontains(
      one([for w in jsondecode(aws_cloudwatch_dashboard.import[0].dashboard_body).widgets : w.properties.query if w.type == "log"]),
      "SOURCE '/ecs/coalition-builder-production-geodata-import'",
    )
    error_message = "The last-runs table queries the worker's log group."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.import_rejects[0].namespace == "TigerImport" &&
      aws_cloudwatch_metric_alarm.import_rejects[0].metric_name == "Rejected" &&
      aws_cloudwatch_metric_alarm.import_rejects[0].dimensions == tomap({ Command = "import", Environment = "production" }) &&
      aws_cloudwatch_metric_alarm.import_rejects[0].statistic == "Sum" &&
      aws_cloudwatch_metric_alarm.import_rejects[0].threshold == 500 &&
      aws_cloudwatch_metric_alarm.import_rejects[0].comparison_operator == "GreaterThanThreshold" &&
      aws_cloudwatch_metric_alarm.import_rejects[0].treat_missing_data == "notBreaching"
    )
    error_message = "The reject-spike alarm watches production's run Rejected metric (Command = import, Environment = production) above 500; no run is healthy."
  }

  assert {
    condition = alltrue(flatten([
      for w in jsondecode(aws_cloudwatch_dashboard.import[0].dashboard_body).widgets : [
        for m in w.properties.metrics : (
          strcontains(jsonencode(m), "SEARCH(") ? strcontains(jsonencode(m), "Environment=\\\"production\\\"") : (contains(m, "Environment") && contains(m, "production"))
        )
      ] if w.type == "metric"
    ]))
    error_message = "Every metric on the dashboard is filtered on Environment = production: a dev run shares the namespace."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.import_rejects[0].alarm_actions == toset([aws_sns_topic.this.arn]) && length(aws_cloudwatch_event_rule.failed_import) == 1
    error_message = "The reject-spike alarm notifies the same topic as the failed-import rule, next to it."
  }

  assert {
    condition = contains(
      flatten([for s in jsondecode(aws_sns_topic_policy.this.policy).Statement : try(s.Condition.ArnEquals["aws:SourceArn"], [])]),
      aws_cloudwatch_metric_alarm.import_rejects[0].arn,
    )
    error_message = "The topic policy lets the reject-spike alarm publish."
  }
}

run "every_import_failure_path_ends_in_an_alarm" {
  command = apply

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.import_executions[0].alarm_name == "coalition-builder-production-import-execution-failed" &&
      toset([for q in aws_cloudwatch_metric_alarm.import_executions[0].metric_query : one(q.metric).metric_name if length(q.metric) > 0]) == toset(["ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted"]) &&
      alltrue([for q in aws_cloudwatch_metric_alarm.import_executions[0].metric_query : one(q.metric).dimensions == tomap({ StateMachineArn = var.import_state_machine_arn }) if length(q.metric) > 0]) &&
      one([for q in aws_cloudwatch_metric_alarm.import_executions[0].metric_query : q.expression if q.return_data == true]) == "FILL(failed, 0) + FILL(timed_out, 0) + FILL(aborted, 0)" &&
      aws_cloudwatch_metric_alarm.import_executions[0].threshold == 0 &&
      aws_cloudwatch_metric_alarm.import_executions[0].comparison_operator == "GreaterThanThreshold"
    )
    error_message = "A fan-out execution that fails, times out or is aborted raises the execution alarm."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.import_schedule_dlq[0].namespace == "AWS/SQS" &&
      aws_cloudwatch_metric_alarm.import_schedule_dlq[0].metric_name == "ApproximateNumberOfMessagesVisible" &&
      aws_cloudwatch_metric_alarm.import_schedule_dlq[0].dimensions == tomap({ QueueName = var.import_schedule_dlq_name }) &&
      aws_cloudwatch_metric_alarm.import_schedule_dlq[0].threshold == 0
    )
    error_message = "A schedule invocation in the dead-letter queue raises the DLQ alarm."
  }

  assert {
    condition = alltrue([
      for a in [aws_cloudwatch_metric_alarm.import_rejects[0], aws_cloudwatch_metric_alarm.import_executions[0], aws_cloudwatch_metric_alarm.import_schedule_dlq[0]] :
      a.alarm_actions == toset([aws_sns_topic.this.arn]) && a.ok_actions == toset([aws_sns_topic.this.arn]) &&
      contains(flatten([for s in jsondecode(aws_sns_topic_policy.this.policy).Statement : try(s.Condition.ArnEquals["aws:SourceArn"], [])]), a.arn)
    ])
    error_message = "Each import alarm notifies the alarm topic, and the topic policy lets it publish."
  }

  assert {
    condition = toset(one([for w in jsondecode(aws_cloudwatch_dashboard.import[0].dashboard_body).widgets : w.properties.alarms if w.type == "alarm"])) == toset([
      aws_cloudwatch_metric_alarm.import_rejects[0].arn, aws_cloudwatch_metric_alarm.import_executions[0].arn, aws_cloudwatch_metric_alarm.import_schedule_dlq[0].arn,
    ])
    error_message = "The dashboard shows the three import alarms."
  }
}

run "no_import_cluster_no_dashboard" {
  command = apply

  variables {
    ecs_cluster_name      = null
    import_log_group_name = null
  }

  assert {
    condition     = length(aws_cloudwatch_dashboard.import) == 0 && length(aws_cloudwatch_metric_alarm.import_rejects) == 0 && length(aws_cloudwatch_metric_alarm.import_executions) == 0 && length(aws_cloudwatch_metric_alarm.import_schedule_dlq) == 0 && output.import_dashboard_name == null
    error_message = "Without an import cluster there is no import dashboard or alarm."
  }
}

run "negative_threshold_is_rejected" {
  command = plan

  variables {
    import_reject_spike_threshold = -1
  }

  expect_failures = [var.import_reject_spike_threshold]
}
