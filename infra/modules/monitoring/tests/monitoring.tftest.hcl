mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  environment          = "production"
  lambda_function_name = "coalition-builder-production"
  api_name             = "coalition-builder-production"
  dynamodb_table_name  = "coalition-builder-production-rate-limit"
  ecs_cluster_name     = "coalition-builder-production-geodata-import"

  import_state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:coalition-builder-production-geodata-import"
  import_schedule_dlq_name = "coalition-builder-production-geodata-import-schedule-dlq"
  alarm_email              = "ops@example.org"
}

run "design_alarms_and_failed_import_rule" {
  command = apply

  assert {
    condition     = aws_cloudwatch_log_group.lambda.name == "/aws/lambda/coalition-builder-production" && aws_cloudwatch_log_group.lambda.retention_in_days == 7
    error_message = "The Lambda log group keeps 7 days."
  }

  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.this)) == toset(["lambda-high-error-rate", "api-4xx", "api-5xx", "dynamodb-read-throttles", "dynamodb-write-throttles"])
    error_message = "The design's alarms are expected: Lambda errors, API 4xx/5xx, DynamoDB throttles."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["lambda-high-error-rate"].threshold == 10 &&
      aws_cloudwatch_metric_alarm.this["lambda-high-error-rate"].period == 300 &&
      aws_cloudwatch_metric_alarm.this["lambda-high-error-rate"].evaluation_periods == 1 &&
      aws_cloudwatch_metric_alarm.this["lambda-high-error-rate"].statistic == "Sum" &&
      aws_cloudwatch_metric_alarm.this["lambda-high-error-rate"].comparison_operator == "GreaterThanThreshold" &&
      aws_cloudwatch_metric_alarm.this["lambda-high-error-rate"].dimensions == tomap({ FunctionName = "coalition-builder-production" })
    )
    error_message = "Lambda errors > 10 in 5 minutes, on the Zappa function."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["lambda-high-error-rate"].alarm_name == "coalition-builder-production-lambda-high-error-rate"
    error_message = "The error alarm carries the design's name, lambda-high-error-rate (after the environment prefix)."
  }

  assert {
    condition = (
      output.lambda_metrics == { InitDuration = "coalition-builder/production/Lambda/InitDuration", MaxMemoryUsed = "coalition-builder/production/Lambda/MaxMemoryUsed" } &&
      alltrue([for f in aws_cloudwatch_log_metric_filter.lambda : f.log_group_name == "/aws/lambda/coalition-builder-production" && startswith(f.pattern, "[type=\"REPORT\", ")]) &&
      strcontains(aws_cloudwatch_log_metric_filter.lambda["InitDuration"].pattern, "init_label1=\"Init\", init_label2=\"Duration:\", init_duration") &&
      one(aws_cloudwatch_log_metric_filter.lambda["MaxMemoryUsed"].metric_transformation).value == "$max_memory_used"
    )
    error_message = "Cold starts (Init Duration, only on cold starts) and peak memory are metrics, read from the function's REPORT lines."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.this["api-5xx"].dimensions == tomap({ ApiName = "coalition-builder-production" }) && aws_cloudwatch_metric_alarm.this["api-4xx"].metric_name == "4XXError"
    error_message = "API alarms watch the Zappa API by name."
  }

  assert {
    condition     = alltrue([for a in aws_cloudwatch_metric_alarm.this : a.alarm_actions == toset([aws_sns_topic.this.arn])])
    error_message = "Every alarm notifies the topic."
  }

  assert {
    condition = jsondecode(aws_cloudwatch_event_rule.failed_import[0].event_pattern) == {
      source        = ["aws.ecs"]
      "detail-type" = ["ECS Task State Change"]
      detail = {
        clusterArn = [{ suffix = ":cluster/coalition-builder-production-geodata-import" }]
        lastStatus = ["STOPPED"]
        "$or" = [
          { containers = { exitCode = [{ "anything-but" = 0 }] } },
          { stopCode = ["TaskFailedToStart"] },
        ]
      }
    }
    error_message = "The rule matches this cluster's stopped tasks with a non-zero exit code (or that never started)."
  }

  assert {
    condition     = aws_cloudwatch_event_target.failed_import[0].arn == aws_sns_topic.this.arn
    error_message = "Failed imports go to the alarm topic."
  }

  assert {
    condition     = [for s in jsondecode(aws_sns_topic_policy.this.policy).Statement : s.Condition.ArnEquals["aws:SourceArn"] if s.Sid == "FailedImportRule"] == [aws_cloudwatch_event_rule.failed_import[0].arn]
    error_message = "Only the failed-import rule may publish as EventBridge."
  }

  assert {
    condition     = aws_sns_topic_subscription.email[0].endpoint == "ops@example.org"
    error_message = "The alarm email is subscribed."
  }
}

run "environment_without_table_or_cluster" {
  command = apply

  variables {
    environment         = "dev"
    dynamodb_table_name = null
    ecs_cluster_name    = null
    alarm_email         = null
  }

  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.this)) == toset(["lambda-high-error-rate", "api-4xx", "api-5xx"])
    error_message = "No throttle alarm where another environment owns the table."
  }

  assert {
    condition     = length(aws_cloudwatch_event_rule.failed_import) == 0 && length(jsondecode(aws_sns_topic_policy.this.policy).Statement) == 1
    error_message = "No import rule (and no EventBridge grant) without a cluster."
  }
}

run "long_retention_is_rejected" {
  command = plan

  variables {
    log_retention_days = 365
  }

  expect_failures = [var.log_retention_days]
}
