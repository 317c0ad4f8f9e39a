# The fan-out of a full vintage: its definition is rendered by ./definition (see there for the flow and the retries).
module "definition" {
  source = "./definition"

  environment               = var.environment
  tiger_year                = var.tiger_year
  cluster_arn               = aws_ecs_cluster.this.arn
  task_definition_arn       = aws_ecs_task_definition.this.arn
  container_name            = local.container.name
  subnet_ids                = var.subnet_ids
  security_group_ids        = [aws_security_group.this.id]
  national_layers           = var.fanout_national_layers
  state_layers              = var.fanout_state_layers
  state_groups              = var.fanout_state_groups
  max_concurrency           = var.fanout_max_concurrency
  sync_regions              = var.sync_regions
  task_timeout_seconds      = var.fanout_task_timeout_seconds
  sync_timeout_seconds      = var.fanout_sync_timeout_seconds
  retry_wait_seconds        = var.fanout_retry_wait_seconds
  execution_timeout_seconds = var.fanout_execution_timeout_seconds
  report_topic_arn          = var.report_topic_arn
}

resource "aws_iam_role" "state_machine" {
  name = "${local.name}-fanout"
  tags = var.tags
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "states.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = var.aws_account_id } }
    }]
  })
}

resource "aws_iam_role_policy" "state_machine" {
  name = "${local.name}-fanout"
  role = aws_iam_role.state_machine.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      local.run_task_statements,
      [
        {
          # .sync polls the task it started, and stops it when the execution is stopped.
          Sid      = "WatchImportTasks"
          Effect   = "Allow"
          Action   = ["ecs:DescribeTasks", "ecs:StopTask"]
          Resource = "arn:aws:ecs:${var.aws_region}:${var.aws_account_id}:task/${aws_ecs_cluster.this.name}/*"
        },
        {
          # The managed rule through which Step Functions learns that an ECS task stopped (.sync).
          Sid      = "TaskStateEvents"
          Effect   = "Allow"
          Action   = ["events:DescribeRule", "events:PutRule", "events:PutTargets"]
          Resource = "arn:aws:events:${var.aws_region}:${var.aws_account_id}:rule/StepFunctionsGetEventsForECSTaskRule"
        },
      ],
      var.report_topic_arn == null ? [] : [{
        Sid      = "Report"
        Effect   = "Allow"
        Action   = ["sns:Publish"]
        Resource = var.report_topic_arn
      }],
    )
  })
}

resource "aws_sfn_state_machine" "this" {
  name       = local.name
  role_arn   = aws_iam_role.state_machine.arn
  definition = module.definition.json
  tags       = var.tags

  # The role must hold its policy before the first execution; the definition names the task by revision.
  depends_on = [aws_iam_role_policy.state_machine]
}
