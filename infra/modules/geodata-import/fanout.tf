# A full vintage fanned out over Fargate by Step Functions: the national layers in one task, the state layers in one
# task per state group (at most fanout_max_concurrency at once), then the region sync, then a report. Each child is
# the same task definition with other TIGER_LAYERS/TIGER_STATES; the worker locks per layer and partition, so
# children loading different states of one layer run side by side and publish one after another.

locals {
  container_name = local.container.name
  run_task = {
    LaunchType      = "FARGATE"
    PlatformVersion = "LATEST"
    Cluster         = aws_ecs_cluster.this.arn
    TaskDefinition  = aws_ecs_task_definition.this.arn
    NetworkConfiguration = {
      AwsvpcConfiguration = {
        Subnets        = var.subnet_ids
        SecurityGroups = [aws_security_group.this.id]
        AssignPublicIp = "ENABLED"
      }
    }
  }

  # The task could not start (capacity, throttling, an ENI or image pull that failed) or stopped non-zero. The worker
  # is idempotent (a partition is replaced whole or not at all), so a rerun is safe; one rerun after a pause covers a
  # lock held by a straggler, a database restart or Census throttling, without hammering a file that is damaged.
  retry = [
    { ErrorEquals = ["ECS.AmazonECSException", "ECS.ServerException", "ECS.ThrottlingException"], IntervalSeconds = 30, MaxAttempts = 3, BackoffRate = 2, JitterStrategy = "FULL" },
    { ErrorEquals = ["States.TaskFailed"], IntervalSeconds = 120, MaxAttempts = 1, BackoffRate = 1 },
  ]

  import_task = {
    Type     = "Task"
    Resource = "arn:aws:states:::ecs:runTask.sync"
    Retry    = local.retry
  }

  # Through JSON: the two shapes differ, and a conditional needs one type.
  report = jsondecode(var.report_topic_arn == null ? jsonencode({
    ReportSuccess = { Type = "Succeed" }
    ReportFailure = { Type = "Fail", Error = "ImportFailed", Cause = "A TIGER import child or the region sync failed; see the execution history." }
    }) : jsonencode({
    ReportSuccess = {
      Type     = "Task"
      Resource = "arn:aws:states:::sns:publish"
      Parameters = {
        TopicArn    = var.report_topic_arn
        "Message.$" = "States.Format('TIGER import ${var.environment}: execution {} published every layer and synced the regions.', $$.Execution.Name)"
      }
      End = true
    }
    ReportFailure = {
      Type     = "Task"
      Resource = "arn:aws:states:::sns:publish"
      Parameters = {
        TopicArn    = var.report_topic_arn
        "Message.$" = "States.Format('TIGER import ${var.environment}: execution {} failed ({}): {}', $$.Execution.Name, $.failure.Error, $.failure.Cause)"
      }
      Next = "Failed"
    }
  }))

  state_machine_definition = {
    Comment = "TIGER/Line ${var.tiger_year} for ${var.environment}: national layers and each state group as ECS tasks, then the region sync"
    StartAt = "Plan"
    States = merge(local.report, {
      Plan = {
        Type       = "Pass"
        Result     = { groups = var.fanout_state_groups }
        ResultPath = "$.plan"
        Next       = "Import"
      }
      Import = {
        Type = "Parallel"
        Branches = [
          {
            StartAt = "National"
            States = {
              National = merge(local.import_task, {
                Parameters = merge(local.run_task, {
                  Overrides = { ContainerOverrides = [{
                    Name        = local.container_name
                    Environment = [{ Name = "TIGER_LAYERS", Value = var.fanout_national_layers }]
                  }] }
                })
                End = true
              })
            }
          },
          {
            StartAt = "States"
            States = {
              States = {
                Type           = "Map"
                ItemsPath      = "$.plan.groups"
                ItemSelector   = { "states.$" = "$$.Map.Item.Value" }
                MaxConcurrency = var.fanout_max_concurrency
                ItemProcessor = {
                  ProcessorConfig = { Mode = "INLINE" }
                  StartAt         = "StateGroup"
                  States = {
                    StateGroup = merge(local.import_task, {
                      Parameters = merge(local.run_task, {
                        Overrides = { ContainerOverrides = [{
                          Name = local.container_name
                          Environment = [
                            { Name = "TIGER_LAYERS", Value = var.fanout_state_layers },
                            { Name = "TIGER_STATES", "Value.$" = "$.states" },
                          ]
                        }] }
                      })
                      End = true
                    })
                  }
                }
                End = true
              }
            }
          },
        ]
        ResultPath = null
        Catch      = [{ ErrorEquals = ["States.ALL"], ResultPath = "$.failure", Next = "ReportFailure" }]
        Next       = "SyncRegions"
      }
      SyncRegions = merge(local.import_task, {
        Parameters = merge(local.run_task, {
          Overrides = { ContainerOverrides = [{ Name = local.container_name, Command = ["sync-regions"] }] }
        })
        ResultPath = null
        Catch      = [{ ErrorEquals = ["States.ALL"], ResultPath = "$.failure", Next = "ReportFailure" }]
        Next       = "ReportSuccess"
      })
      Failed = { Type = "Fail", Error = "ImportFailed", Cause = "A TIGER import child or the region sync failed; see the execution history." }
    })
  }
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
  definition = jsonencode(local.state_machine_definition)
  tags       = var.tags

  # The role must hold its policy before the first execution; the definition names the task by revision.
  depends_on = [aws_iam_role_policy.state_machine]
}
