output "cluster_name" {
  description = "ECS cluster name."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ECS cluster ARN."
  value       = aws_ecs_cluster.this.arn
}

output "task_definition_arn" {
  description = "Task definition ARN (with revision)."
  value       = aws_ecs_task_definition.this.arn
}

output "task_definition" {
  description = "The task definition as registered: task-definition.json with the environment's fields."
  value       = local.task_definition
}

output "image_repository_url" {
  description = "ECR repository for the worker image."
  value       = module.image_repository.url
}

output "tiger_cache_url" {
  description = "TIGER_CACHE: the s3:// URL of the download cache."
  value       = local.tiger_cache
}

output "security_group_id" {
  description = "Security group of the task."
  value       = aws_security_group.this.id
}

output "log_group_name" {
  description = "CloudWatch log group of the task (streams tigerimport/tigerimport/<task id>)."
  value       = aws_cloudwatch_log_group.this.name
}

output "schedule_state" {
  description = "ENABLED or DISABLED."
  value       = aws_scheduler_schedule.this.state
}

output "iam_policies" {
  description = "Every identity policy this module grants, by role (JSON), for review and tests."
  value = {
    execution     = aws_iam_role_policy.execution.policy
    task          = aws_iam_role_policy.task.policy
    scheduler     = aws_iam_role_policy.scheduler.policy
    state_machine = aws_iam_role_policy.state_machine.policy
  }
}

output "run_task" {
  description = "The run-task parameters of a run by hand, with the schedule's network settings, as data (`terraform output -json`), never a shell string: scripts/ecs-run.sh reads it."
  value = {
    region          = var.aws_region
    cluster         = aws_ecs_cluster.this.name
    task_definition = aws_ecs_task_definition.this.family
    launch_type     = "FARGATE"
    container_name  = local.container.name
    network_configuration = {
      awsvpcConfiguration = {
        subnets        = var.subnet_ids
        securityGroups = [aws_security_group.this.id]
        assignPublicIp = "ENABLED"
      }
    }
  }
}

output "state_machine_arn" {
  description = "The fan-out state machine: `aws stepfunctions start-execution --state-machine-arn <this>` loads the configured layers of every state group."
  value       = aws_sfn_state_machine.this.arn
}

output "schedule_dlq_name" {
  description = "Dead-letter queue of the schedule (invocations it could not deliver); the monitoring module alarms on it."
  value       = aws_sqs_queue.schedule_dlq.name
}

output "schedule_dlq_arn" {
  description = "ARN of the schedule's dead-letter queue."
  value       = aws_sqs_queue.schedule_dlq.arn
}

output "state_machine_definition" {
  description = "The fan-out's Amazon States Language definition (JSON), for review and the offline ASL validation."
  value       = aws_sfn_state_machine.this.definition
}

output "secret_reader_role_arns" {
  description = "Roles that read the DATABASE_URL secret (the execution role: the ECS agent injects it), for the secret's resource policy."
  value       = [aws_iam_role.execution.arn]
}
