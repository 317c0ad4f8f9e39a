# The import's picture: the worker's Embedded Metric Format log lines (namespace TigerImport) become metrics with no
# API call or IAM permission; this dashboard shows them, and an alarm fires on a spike of rejected features.
# Per-layer metrics carry the Layer dimension; per-run metrics Command = "import"; both also carry Environment
# (TIGER_ENVIRONMENT): three environments share the account and the namespace, and a dev run must not move
# production's graphs or fire its alarm.

locals {
  import_enabled   = var.ecs_cluster_name != null
  import_namespace = "TigerImport"
  import_run       = ["Command", "import", "Environment", var.environment]
  # Per layer, whichever layers a run loaded: a SEARCH expression, so the dashboard needs no list of layers.
  import_per_layer = { for metric in ["RowsLoaded", "Rejected", "DurationMs"] : metric => "SEARCH('{${local.import_namespace},Environment,Layer} Environment=\"${var.environment}\" MetricName=\"${metric}\"', 'Sum', 86400)" }
  # Two per row, a day per point (runs are monthly); each widget's own keys come last and win.
  import_metric_widgets = [
    {
      title   = "Rows loaded per layer"
      view    = "bar"
      metrics = [[{ expression = local.import_per_layer["RowsLoaded"], id = "rows", label = "" }]]
    },
    {
      title       = "Rejected features"
      metrics     = [[{ expression = local.import_per_layer["Rejected"], id = "layers", label = "" }], concat([local.import_namespace, "Rejected"], local.import_run, [{ id = "run", label = "run total" }])]
      annotations = { horizontal = [{ label = "reject spike alarm", value = var.import_reject_spike_threshold }] }
    },
    {
      title   = "Duration (ms)"
      stat    = "Maximum"
      metrics = [concat([local.import_namespace, "DurationMs"], local.import_run, [{ label = "run" }]), [{ expression = local.import_per_layer["DurationMs"], id = "layers", label = "" }]]
    },
    {
      title = "Failures"
      metrics = [
        concat([local.import_namespace, "Failed"], local.import_run, [{ label = "failed runs" }]),
        concat([local.import_namespace, "LayersFailed"], local.import_run, [{ label = "failed layers" }]),
      ]
    },
  ]
  import_widgets = concat(
    var.import_log_group_name == null ? [] : [{
      type   = "log"
      x      = 0
      y      = 0
      width  = 24
      height = 6
      properties = {
        title  = "Last runs"
        region = data.aws_region.current.name
        view   = "table"
        query  = "SOURCE '${var.import_log_group_name}' | fields @timestamp, RunId, Status, RowsLoaded, Rejected, Repaired, BytesDownloaded, DurationMs, LayersFailed | filter Command = 'import' and ispresent(Status) | sort @timestamp desc | limit 20"
      }
    }],
    [for i, widget in local.import_metric_widgets : {
      type       = "metric"
      x          = (i % 2) * 12
      y          = 6 + floor(i / 2) * 6
      width      = 12
      height     = 6
      properties = merge({ region = data.aws_region.current.name, view = "timeSeries", stat = "Sum", period = 86400 }, widget)
    }],
    [{
      type   = "alarm"
      x      = 0
      y      = 18
      width  = 24
      height = 2
      properties = {
        title  = "Import alarms"
        alarms = local.import_alarm_arns
      }
    }],
  )
}

data "aws_region" "current" {}

resource "aws_cloudwatch_dashboard" "import" {
  count = local.import_enabled ? 1 : 0

  dashboard_name = "${local.name}-tiger-import"
  dashboard_body = jsonencode({ widgets = local.import_widgets })
}

# Next to the failed-import rule: a run that publishes but rejects far more features than usual (a changed Census
# schema, a broken geometry library) exits 0, so only this sees it.
resource "aws_cloudwatch_metric_alarm" "import_rejects" {
  count = local.import_enabled ? 1 : 0

  alarm_name          = "${local.name}-import-reject-spike"
  alarm_description   = "A TIGER import run rejected more than ${var.import_reject_spike_threshold} features (tiger_rejects; tigerimport rejects --geojson)"
  namespace           = local.import_namespace
  metric_name         = "Rejected"
  dimensions          = { Command = "import", Environment = var.environment }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.import_reject_spike_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.this.arn]
  ok_actions          = [aws_sns_topic.this.arn]
  tags                = var.tags
}

# The fan-out ended badly: every failed child makes the execution fail (after its report), and a timeout or an
# operator's abort ends it too. One alarm over the three metrics.
resource "aws_cloudwatch_metric_alarm" "import_executions" {
  count = local.import_enabled ? 1 : 0

  alarm_name          = "${local.name}-import-execution-failed"
  alarm_description   = "A TIGER import fan-out execution failed, timed out or was aborted (the execution's output names each failed child and its exit code)"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.this.arn]
  ok_actions          = [aws_sns_topic.this.arn]
  tags                = var.tags

  metric_query {
    id = "ended_badly"
    # Each metric has data only in periods when such an execution ended: FILL, or the sum has no value and never alarms.
    expression  = "FILL(failed, 0) + FILL(timed_out, 0) + FILL(aborted, 0)"
    label       = "Executions that failed, timed out or were aborted"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = { failed = "ExecutionsFailed", timed_out = "ExecutionsTimedOut", aborted = "ExecutionsAborted" }
    content {
      id = metric_query.key
      metric {
        namespace   = "AWS/States"
        metric_name = metric_query.value
        dimensions  = { StateMachineArn = var.import_state_machine_arn }
        stat        = "Sum"
        period      = 300
      }
    }
  }

  lifecycle {
    precondition {
      condition     = var.import_state_machine_arn != null
      error_message = "import_state_machine_arn is required with ecs_cluster_name (the geodata-import module's state_machine_arn)."
    }
  }
}

# The schedule could not start its target (a refused RunTask or StartExecution): the invocation is in its DLQ.
resource "aws_cloudwatch_metric_alarm" "import_schedule_dlq" {
  count = local.import_enabled ? 1 : 0

  alarm_name          = "${local.name}-import-schedule-dead-letters"
  alarm_description   = "The TIGER import schedule could not start its target: the invocation is in ${coalesce(var.import_schedule_dlq_name, "its dead-letter queue")} (its error attributes say why)"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = var.import_schedule_dlq_name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.this.arn]
  ok_actions          = [aws_sns_topic.this.arn]
  tags                = var.tags

  lifecycle {
    precondition {
      condition     = var.import_schedule_dlq_name != null
      error_message = "import_schedule_dlq_name is required with ecs_cluster_name (the geodata-import module's schedule_dlq_name)."
    }
  }
}

locals {
  import_alarm_arns = concat(
    aws_cloudwatch_metric_alarm.import_rejects[*].arn,
    aws_cloudwatch_metric_alarm.import_executions[*].arn,
    aws_cloudwatch_metric_alarm.import_schedule_dlq[*].arn,
  )
}
