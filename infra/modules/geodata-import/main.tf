locals {
  name        = "${var.project}-${var.environment}-geodata-import"
  tiger_cache = "s3://${module.tiger_cache.name}/${var.tiger_cache_prefix}"

  # The one source of truth, registerable as it is (`aws ecs register-task-definition --cli-input-json
  # file://task-definition.json`) and shared with the C# tests: the repository's task-definition.json, holding
  # production's names. Terraform sets what differs per environment and what only it knows (ARNs, the image tag).
  task_definition_file = jsondecode(file("${path.module}/../../../task-definition.json"))
  container_file       = one(local.task_definition_file.containerDefinitions)
  # A secret the file names but this module does not know fails the plan here (lookup without a default).
  secret_arns = { DATABASE_URL = var.database_url_secret_arn }
  environment = {
    TIGER_YEAR         = tostring(var.tiger_year)
    TIGER_LAYERS       = var.tiger_layers
    TIGER_CACHE        = local.tiger_cache
    TIGER_SYNC_REGIONS = tostring(var.sync_regions)
    # The EMF metrics' Environment dimension: three environments share one account and one TigerImport namespace.
    TIGER_ENVIRONMENT = var.environment
  }
  container = merge(local.container_file, {
    image = "${module.image_repository.url}:${var.image_tag}"
    logConfiguration = merge(local.container_file.logConfiguration, {
      options = merge(local.container_file.logConfiguration.options, {
        awslogs-group  = aws_cloudwatch_log_group.this.name
        awslogs-region = var.aws_region
      })
    })
    secrets = [for s in local.container_file.secrets : merge(s, { valueFrom = lookup(local.secret_arns, s.name) })]
    environment = concat(
      [for e in local.container_file.environment : merge(e, { value = lookup(local.environment, e.name, e.value) })],
      [for name, value in local.environment : { name = name, value = value } if !contains(local.container_file.environment[*].name, name)],
    )
  })
  task_definition = merge(local.task_definition_file, {
    family               = local.name
    runtimePlatform      = merge(local.task_definition_file.runtimePlatform, { cpuArchitecture = var.cpu_architecture })
    executionRoleArn     = aws_iam_role.execution.arn
    taskRoleArn          = aws_iam_role.task.arn
    containerDefinitions = [local.container]
  })

  # Whoever starts the task (the schedule, the fan-out's state machine): this task definition, in this cluster only,
  # passing its two roles to ECS tasks only.
  run_task_statements = [
    {
      Sid       = "RunImportTask"
      Effect    = "Allow"
      Action    = ["ecs:RunTask"]
      Resource  = "${aws_ecs_task_definition.this.arn_without_revision}:*"
      Condition = { ArnEquals = { "ecs:cluster" = aws_ecs_cluster.this.arn } }
    },
    {
      Sid       = "PassTaskRoles"
      Effect    = "Allow"
      Action    = ["iam:PassRole"]
      Resource  = [aws_iam_role.execution.arn, aws_iam_role.task.arn]
      Condition = { StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } }
    },
  ]

  # Both roles are assumed by ECS tasks of this account only (confused-deputy guard).
  ecs_tasks_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = var.aws_account_id }
        ArnLike      = { "aws:SourceArn" = "arn:aws:ecs:${var.aws_region}:${var.aws_account_id}:*" }
      }
    }]
  })
}

resource "aws_ecs_cluster" "this" {
  name = local.name
  tags = var.tags

  # Container Insights bills custom metrics per task; one monthly task does not need them.
  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}

module "image_repository" {
  source = "../ecr-repository"

  name = local.name
  tags = var.tags
}

# Census is downloaded once per file per vintage; the cache survives task restarts and Census blocking.
module "tiger_cache" {
  source = "../s3-bucket"

  name               = "${var.project}-${var.environment}-tiger-cache-${var.aws_account_id}"
  versioning_enabled = false
  tags               = var.tags
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${local.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_security_group" "this" {
  name        = local.name
  description = "TIGER import task: HTTPS out (Census, ECR, S3, Secrets Manager, logs) and PostgreSQL to RDS"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = local.name })
}

# Census has no fixed address range, and ECR/S3/logs/Secrets Manager are reached over the internet (no NAT).
resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.this.id
  description       = "HTTPS: Census downloads and AWS APIs"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "database" {
  security_group_id            = aws_security_group.this.id
  description                  = "PostgreSQL"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = var.database_security_group_id
}

resource "aws_vpc_security_group_ingress_rule" "database" {
  security_group_id            = var.database_security_group_id
  description                  = "PostgreSQL from the ${var.environment} TIGER import"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.this.id
}

resource "aws_iam_role" "execution" {
  name               = "${local.name}-execution"
  assume_role_policy = local.ecs_tasks_trust
  tags               = var.tags
}

# Used by the ECS agent before the container starts: pull the image, write logs, inject DATABASE_URL.
resource "aws_iam_role_policy" "execution" {
  name = "${local.name}-execution"
  role = aws_iam_role.execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # The registry login token is account-wide: the API has no resource ARN.
        Sid      = "RegistryLogin"
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken"]
        Resource = "*"
      },
      {
        Sid      = "PullImage"
        Effect   = "Allow"
        Action   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        Resource = module.image_repository.arn
      },
      {
        Sid      = "WriteLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.this.arn}:*"
      },
      {
        Sid      = "ReadDatabaseUrl"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = var.database_url_secret_arn
      },
    ]
  })
}

resource "aws_iam_role" "task" {
  name               = "${local.name}-task"
  assume_role_policy = local.ecs_tasks_trust
  tags               = var.tags
}

# The worker's own permissions: the cache prefix, nothing else.
resource "aws_iam_role_policy" "task" {
  name = "${local.name}-task"
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "ListTigerCache"
        Effect    = "Allow"
        Action    = ["s3:ListBucket"]
        Resource  = module.tiger_cache.arn
        Condition = { StringLike = { "s3:prefix" = [var.tiger_cache_prefix, "${var.tiger_cache_prefix}*"] } }
      },
      {
        Sid      = "ReadWriteTigerCache"
        Effect   = "Allow"
        Action   = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]
        Resource = "${module.tiger_cache.arn}/${var.tiger_cache_prefix}*"
      },
    ]
  })
}

resource "aws_ecs_task_definition" "this" {
  family                   = local.task_definition.family
  requires_compatibilities = local.task_definition.requiresCompatibilities
  network_mode             = local.task_definition.networkMode
  cpu                      = local.task_definition.cpu
  memory                   = local.task_definition.memory
  execution_role_arn       = local.task_definition.executionRoleArn
  task_role_arn            = local.task_definition.taskRoleArn
  container_definitions    = jsonencode(local.task_definition.containerDefinitions)
  tags                     = var.tags

  runtime_platform {
    operating_system_family = local.task_definition.runtimePlatform.operatingSystemFamily
    cpu_architecture        = local.task_definition.runtimePlatform.cpuArchitecture
  }

  ephemeral_storage {
    size_in_gib = local.task_definition.ephemeralStorage.sizeInGiB
  }

  dynamic "volume" {
    for_each = local.task_definition.volumes
    content {
      name = volume.value.name
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name = "${local.name}-scheduler"
  tags = var.tags
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "scheduler.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = var.aws_account_id } }
    }]
  })
}

# Where the schedule puts an invocation it could not deliver (RunTask or StartExecution refused: a missing role, a
# revoked permission, a throttle): the monitoring module alarms on a message here. SSE with SQS-owned keys (free).
resource "aws_sqs_queue" "schedule_dlq" {
  name                      = "${local.name}-schedule-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

# Only this schedule may send here (Scheduler sends with the schedule's role), only over TLS.
resource "aws_sqs_queue_policy" "schedule_dlq" {
  queue_url = aws_sqs_queue.schedule_dlq.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "TlsOnly"
      Effect    = "Deny"
      Principal = "*"
      Action    = "sqs:*"
      Resource  = aws_sqs_queue.schedule_dlq.arn
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_iam_role_policy" "scheduler" {
  name = "${local.name}-scheduler"
  role = aws_iam_role.scheduler.id
  # Only what the schedule's target needs: the task, or the state machine (whose own role runs the tasks); and its DLQ.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [for statement in local.run_task_statements : statement if var.schedule_target == "task"],
      [for arn in [aws_sfn_state_machine.this.arn] : {
        Sid      = "StartFanOut"
        Effect   = "Allow"
        Action   = ["states:StartExecution"]
        Resource = arn
      } if var.schedule_target == "state_machine"],
      [{
        Sid      = "DeadLetters"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = aws_sqs_queue.schedule_dlq.arn
      }],
    )
  })
}

resource "aws_scheduler_schedule" "this" {
  name                         = local.name
  description                  = "Monthly TIGER/Line import into the ${var.environment} database"
  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = "UTC"
  state                        = var.schedule_enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = var.schedule_target == "task" ? aws_ecs_cluster.this.arn : aws_sfn_state_machine.this.arn
    role_arn = aws_iam_role.scheduler.arn

    dynamic "ecs_parameters" {
      for_each = var.schedule_target == "task" ? [1] : []
      content {
        task_definition_arn = aws_ecs_task_definition.this.arn
        launch_type         = "FARGATE"
        platform_version    = "LATEST"

        network_configuration {
          assign_public_ip = true
          subnets          = var.subnet_ids
          security_groups  = [aws_security_group.this.id]
        }
      }
    }

    # A run that fails to start is reported by the failed-import rule; a blind retry would hit Census again. An
    # invocation the target refused goes to the dead-letter queue, which alarms.
    retry_policy {
      maximum_retry_attempts = 0
    }

    dead_letter_config {
      arn = aws_sqs_queue.schedule_dlq.arn
    }
  }
}
