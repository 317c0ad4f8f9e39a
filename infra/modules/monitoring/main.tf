locals {
  name = "${var.project}-${var.environment}"
  # Every metric alarm: 5-minute sums, one period, missing data (no traffic) is healthy.
  alarms = merge(
    {
      # The design's name for it (every alarm name is prefixed with project and environment: three share an account).
      lambda-high-error-rate = {
        namespace   = "AWS/Lambda"
        metric_name = "Errors"
        dimensions  = { FunctionName = var.lambda_function_name }
        threshold   = var.lambda_errors_threshold
        description = "More than ${var.lambda_errors_threshold} Lambda errors in 5 minutes"
      }
      api-4xx = {
        namespace   = "AWS/ApiGateway"
        metric_name = "4XXError"
        dimensions  = { ApiName = var.api_name }
        threshold   = var.api_4xx_threshold
        description = "More than ${var.api_4xx_threshold} API 4xx responses in 5 minutes"
      }
      api-5xx = {
        namespace   = "AWS/ApiGateway"
        metric_name = "5XXError"
        dimensions  = { ApiName = var.api_name }
        threshold   = var.api_5xx_threshold
        description = "More than ${var.api_5xx_threshold} API 5xx responses in 5 minutes"
      }
    },
    # On-demand tables still throttle (per-partition limits); these two metrics carry only the TableName dimension.
    var.dynamodb_table_name == null ? {} : {
      for kind in ["Read", "Write"] : "dynamodb-${lower(kind)}-throttles" => {
        namespace   = "AWS/DynamoDB"
        metric_name = "${kind}ThrottleEvents"
        dimensions  = { TableName = var.dynamodb_table_name }
        threshold   = 0
        description = "${kind} throttles on the rate-limit table"
      }
    },
  )
}

resource "aws_cloudwatch_log_group" "lambda" {
  name              = "/aws/lambda/${var.lambda_function_name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

# Lambda publishes no cold-start or memory metric (Lambda Insights would, at an extension per invocation): both are
# read from the REPORT line Lambda writes after every invocation. "Init Duration" appears only on a cold start, so
# InitDuration's SampleCount is the number of cold starts. Space-delimited fields of
# "REPORT RequestId: <id> Duration: <ms> ms Billed Duration: <ms> ms Memory Size: <MB> MB Max Memory Used: <MB> MB [Init Duration: <ms> ms]".
locals {
  report_fields = "type=\"REPORT\", request_id_label, request_id, duration_label, duration, duration_unit, billed_label, billed_duration_label, billed_duration, billed_unit, size_label1, size_label2, memory_size, size_unit, used_label1, used_label2, used_label3, max_memory_used, used_unit"
  lambda_metrics = {
    MaxMemoryUsed = { pattern = "[${local.report_fields}, ...]", value = "$max_memory_used", unit = "Megabytes" }
    InitDuration  = { pattern = "[${local.report_fields}, init_label1=\"Init\", init_label2=\"Duration:\", init_duration, ...]", value = "$init_duration", unit = "Milliseconds" }
  }
}

resource "aws_cloudwatch_log_metric_filter" "lambda" {
  for_each = local.lambda_metrics

  name           = "${local.name}-lambda-${each.key}"
  log_group_name = aws_cloudwatch_log_group.lambda.name
  pattern        = each.value.pattern

  metric_transformation {
    namespace = "${var.project}/${var.environment}/Lambda"
    name      = each.key
    value     = each.value.value
    unit      = each.value.unit
  }
}

# Not KMS-encrypted: EventBridge cannot publish to a topic under the AWS-managed SNS key, and alarms carry no secrets.
resource "aws_sns_topic" "this" {
  name = "${local.name}-alarms"
  tags = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  count = var.alarm_email == null ? 0 : 1

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${local.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric_name
  dimensions          = each.value.dimensions
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.this.arn]
  ok_actions          = [aws_sns_topic.this.arn]
  tags                = var.tags
}

# A failed import: the task stopped and a container exited non-zero, or it never started (image pull, secret fetch).
resource "aws_cloudwatch_event_rule" "failed_import" {
  count = var.ecs_cluster_name == null ? 0 : 1

  name        = "${local.name}-failed-import"
  description = "TIGER import task in ${var.ecs_cluster_name} stopped with a failure"
  tags        = var.tags
  event_pattern = jsonencode({
    source        = ["aws.ecs"]
    "detail-type" = ["ECS Task State Change"]
    detail = {
      clusterArn = [{ suffix = ":cluster/${var.ecs_cluster_name}" }]
      lastStatus = ["STOPPED"]
      "$or" = [
        { containers = { exitCode = [{ "anything-but" = 0 }] } },
        { stopCode = ["TaskFailedToStart"] },
      ]
    }
  })
}

resource "aws_cloudwatch_event_target" "failed_import" {
  count = length(aws_cloudwatch_event_rule.failed_import)

  rule = aws_cloudwatch_event_rule.failed_import[0].name
  arn  = aws_sns_topic.this.arn

  input_transformer {
    input_paths = {
      task     = "$.detail.taskArn"
      reason   = "$.detail.stoppedReason"
      stopCode = "$.detail.stopCode"
    }
    input_template = "\"TIGER import failed in ${var.environment}: task <task> stopped (<stopCode>): <reason>. Logs: CloudWatch, stream prefix tigerimport.\""
  }
}

# Only these alarms and the import rule may publish; they are named by ARN, so no account ID is needed here.
resource "aws_sns_topic_policy" "this" {
  arn = aws_sns_topic.this.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid       = "CloudWatchAlarms"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.this.arn
        Condition = { ArnEquals = { "aws:SourceArn" = concat([for a in aws_cloudwatch_metric_alarm.this : a.arn], local.import_alarm_arns) } }
      }],
      [for r in aws_cloudwatch_event_rule.failed_import : {
        Sid       = "FailedImportRule"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.this.arn
        Condition = { ArnEquals = { "aws:SourceArn" = r.arn } }
      }],
    )
  })
}
