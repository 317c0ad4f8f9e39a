mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  environment                = "production"
  aws_region                 = "us-east-1"
  aws_account_id             = "123456789012"
  vpc_id                     = "vpc-0000000000000000a"
  subnet_ids                 = ["subnet-0000000000000000a", "subnet-0000000000000000b"]
  database_security_group_id = "sg-0000000000000000d"
  database_url_secret_arn    = "arn:aws:secretsmanager:us-east-1:123456789012:secret:coalition-builder-production/import-database-url-AbCdEf"
  image_tag                  = "0123abc"
  schedule_enabled           = true
}

run "task_definition_rendered_from_the_shared_file" {
  command = apply

  assert {
    condition = (
      aws_ecs_task_definition.this.family == "coalition-builder-production-geodata-import" &&
      aws_ecs_task_definition.this.cpu == "2048" &&
      aws_ecs_task_definition.this.memory == "4096" &&
      aws_ecs_task_definition.this.network_mode == "awsvpc" &&
      aws_ecs_task_definition.this.requires_compatibilities == toset(["FARGATE"])
    )
    error_message = "Fargate, awsvpc, 2 vCPU and 4 GB, as the template says."
  }

  assert {
    condition     = one(aws_ecs_task_definition.this.ephemeral_storage).size_in_gib == 30 && [for v in aws_ecs_task_definition.this.volume : v.name] == ["scratch"]
    error_message = "30 GiB of ephemeral storage with the scratch volume."
  }

  assert {
    condition     = one(aws_ecs_task_definition.this.runtime_platform).operating_system_family == "LINUX" && one(aws_ecs_task_definition.this.runtime_platform).cpu_architecture == "X86_64"
    error_message = "Linux on x86-64."
  }

  assert {
    condition     = aws_ecs_task_definition.this.execution_role_arn == aws_iam_role.execution.arn && aws_ecs_task_definition.this.task_role_arn == aws_iam_role.task.arn
    error_message = "The task runs with this module's two roles."
  }

  assert {
    condition = alltrue([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) :
      c.name == "tigerimport" && c.essential && c.readonlyRootFilesystem && c.user == "1654" && c.stopTimeout == 120
    ])
    error_message = "One essential, non-root container with a read-only root and a 120 s stop timeout."
  }

  assert {
    condition     = one(jsondecode(aws_ecs_task_definition.this.container_definitions)).image == "${module.image_repository.url}:0123abc"
    error_message = "The image comes from the module's repository at the given tag."
  }

  assert {
    condition = alltrue(flatten([for c in jsondecode(aws_ecs_task_definition.this.container_definitions) : [
      for s in c.secrets : s.valueFrom == var.database_url_secret_arn
    ]])) && [for s in one(jsondecode(aws_ecs_task_definition.this.container_definitions)).secrets : s.name] == ["DATABASE_URL"]
    error_message = "DATABASE_URL comes from the secret; every secret has a valueFrom."
  }

  assert {
    condition = length([for e in one(jsondecode(aws_ecs_task_definition.this.container_definitions)).environment : e.name
    if length(regexall("(?i)password|secret|database_url|token", e.name)) > 0]) == 0
    error_message = "No credential may be passed in plain environment variables."
  }

  assert {
    condition = { for e in one(jsondecode(aws_ecs_task_definition.this.container_definitions)).environment : e.name => e.value } == {
      TIGER_YEAR         = "2024"
      TIGER_LAYERS       = "STATE,COUNTY,PLACE,CD,SLDU,SLDL"
      TIGER_SOURCE       = "census"
      TIGER_CACHE        = "s3://coalition-builder-production-tiger-cache-123456789012/tiger/"
      TIGER_SCHEMA       = "tiger"
      TIGER_TEMP_DIR     = "/scratch"
      TMPDIR             = "/scratch"
      DOTNET_gcServer    = "0"
      TIGER_SYNC_REGIONS = "true"
      TIGER_ENVIRONMENT  = "production"
    }
    error_message = "The worker's environment contract."
  }

  assert {
    condition = one(jsondecode(aws_ecs_task_definition.this.container_definitions)).logConfiguration == {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = "/ecs/coalition-builder-production-geodata-import"
        "awslogs-region"        = "us-east-1"
        "awslogs-stream-prefix" = "tigerimport"
      }
    }
    error_message = "Logs go to the module's log group with the tigerimport prefix."
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.retention_in_days == 7
    error_message = "Import logs are kept 7 days."
  }
}

run "least_privilege_roles" {
  command = apply

  assert {
    condition = alltrue(flatten([
      for doc in concat(values(output.iam_policies), [aws_iam_role.execution.assume_role_policy, aws_iam_role.scheduler.assume_role_policy, aws_iam_role.state_machine.assume_role_policy]) : [
        for s in jsondecode(doc).Statement : [for a in flatten([s.Action]) : a != "*" && !endswith(a, ":*")]
      ]
    ]))
    error_message = "No IAM statement may use a wildcard action."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.execution.policy).Statement : s.Action if s.Resource == "*"] == [["ecr:GetAuthorizationToken"]]
    error_message = "Only the registry login may use \"Resource\": \"*\"."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.execution.policy).Statement : s.Resource if s.Sid == "ReadDatabaseUrl"]) == var.database_url_secret_arn
    error_message = "The execution role reads the DATABASE_URL secret only."
  }

  assert {
    condition = jsondecode(aws_iam_role_policy.task.policy).Statement == [
      {
        Sid       = "ListTigerCache"
        Effect    = "Allow"
        Action    = ["s3:ListBucket"]
        Resource  = module.tiger_cache.arn
        Condition = { StringLike = { "s3:prefix" = ["tiger/", "tiger/*"] } }
      },
      {
        Sid      = "ReadWriteTigerCache"
        Effect   = "Allow"
        Action   = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]
        Resource = "${module.tiger_cache.arn}/tiger/*"
      },
    ]
    error_message = "The task role touches the TIGER cache prefix and nothing else."
  }

  assert {
    condition     = jsondecode(aws_iam_role.task.assume_role_policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    error_message = "Only this account's ECS tasks may assume the roles."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_role_policy.scheduler.policy).Statement : s.Condition if s.Sid == "RunImportTask"]) == { ArnEquals = { "ecs:cluster" = aws_ecs_cluster.this.arn } }
    error_message = "The scheduler may run the task in this cluster only."
  }
}

run "scheduled_in_a_public_subnet_with_a_public_ip" {
  command = apply

  assert {
    condition     = aws_scheduler_schedule.this.state == "ENABLED" && aws_scheduler_schedule.this.schedule_expression == "cron(0 9 3 * ? *)"
    error_message = "The monthly schedule is enabled when asked for."
  }

  assert {
    condition = (
      one(one(one(aws_scheduler_schedule.this.target).ecs_parameters).network_configuration).assign_public_ip &&
      one(one(one(aws_scheduler_schedule.this.target).ecs_parameters).network_configuration).subnets == toset(var.subnet_ids) &&
      one(one(one(aws_scheduler_schedule.this.target).ecs_parameters).network_configuration).security_groups == toset([aws_security_group.this.id])
    )
    error_message = "The task runs in the public subnets with a public IP (no NAT) and its own security group."
  }

  assert {
    condition = (
      output.run_task.network_configuration.awsvpcConfiguration.subnets == var.subnet_ids &&
      jsonencode(output.run_task.network_configuration.awsvpcConfiguration.securityGroups) == jsonencode([aws_security_group.this.id]) &&
      output.run_task.network_configuration.awsvpcConfiguration.assignPublicIp == "ENABLED" &&
      output.run_task.cluster == aws_ecs_cluster.this.name && output.run_task.task_definition == aws_ecs_task_definition.this.family &&
      output.run_task.container_name == one(jsondecode(aws_ecs_task_definition.this.container_definitions)).name &&
      jsonencode(sort(keys(output.run_task))) == jsonencode(["cluster", "container_name", "launch_type", "network_configuration", "region", "task_definition"])
    )
    error_message = "A run by hand (scripts/ecs-run.sh) gets the schedule's network, cluster, task definition and container, as the keys the script reads."
  }

  assert {
    condition     = one(one(aws_scheduler_schedule.this.target).ecs_parameters).task_definition_arn == aws_ecs_task_definition.this.arn && one(aws_scheduler_schedule.this.target).arn == aws_ecs_cluster.this.arn
    error_message = "The schedule runs this task definition in this cluster."
  }

  assert {
    condition = (
      aws_vpc_security_group_egress_rule.https.from_port == 443 && aws_vpc_security_group_egress_rule.https.cidr_ipv4 == "0.0.0.0/0" &&
      aws_vpc_security_group_egress_rule.database.referenced_security_group_id == var.database_security_group_id &&
      aws_vpc_security_group_ingress_rule.database.security_group_id == var.database_security_group_id &&
      aws_vpc_security_group_ingress_rule.database.referenced_security_group_id == aws_security_group.this.id
    )
    error_message = "HTTPS out, and PostgreSQL to (and admitted by) the database's security group."
  }
}

run "schedule_off_by_default" {
  command = plan

  variables {
    schedule_enabled = null
  }

  assert {
    condition     = aws_scheduler_schedule.this.state == "DISABLED"
    error_message = "The schedule is off unless enabled."
  }
}

run "x86_64_by_default" {
  command = plan

  assert {
    condition     = one(aws_ecs_task_definition.this.runtime_platform).cpu_architecture == "X86_64" && one(aws_ecs_task_definition.this.runtime_platform).operating_system_family == "LINUX"
    error_message = "The task runs on X86_64 Linux unless asked otherwise."
  }
}

run "arm64_when_asked" {
  command = plan

  variables {
    cpu_architecture = "ARM64"
  }

  assert {
    condition     = one(aws_ecs_task_definition.this.runtime_platform).cpu_architecture == "ARM64" && output.task_definition.runtimePlatform.cpuArchitecture == "ARM64"
    error_message = "cpu_architecture = ARM64 runs the task on Graviton (the multi-arch image has an arm64 variant)."
  }
}

run "an_architecture_the_image_is_not_built_for_is_rejected" {
  command = plan

  variables {
    cpu_architecture = "arm64"
  }

  expect_failures = [var.cpu_architecture]
}

run "layers_that_would_break_the_json_are_rejected" {
  command = plan

  variables {
    tiger_layers = "STATE\",\"x"
  }

  expect_failures = [var.tiger_layers]
}

run "fan_out_state_machine" {
  command = apply

  variables {
    report_topic_arn = "arn:aws:sns:us-east-1:123456789012:coalition-builder-production-alarms"
  }

  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.this.definition).StartAt == "Plan" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Plan.Next == "Import" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Import.Next == "SyncStart" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Import.Catch[0].Next == "ImportBroken" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.ImportBroken.Next == "SyncStart" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.SyncPublished.Next == "Summarize" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.SyncExited.Next == "Summarize" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.SyncError.Next == "Summarize" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Summarize.Next == "Decide" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Decide.Choices[0].Next == "ReportFailure" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Decide.Default == "ReportSuccess" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.ReportSuccess.End &&
      jsondecode(aws_sfn_state_machine.this.definition).States.ReportFailure.Next == "Failed" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.ReportFailure.Catch[0].Next == "Failed" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Failed.Type == "Fail"
    )
    error_message = "Plan, the imports, then the region sync whatever the imports did, then a summary: any failure is reported, then fails the execution."
  }

  assert {
    condition = (
      [for b in jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches : b.StartAt] == ["NationalStart", "StateGroups"] &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[1].States.StateGroups.Type == "Map" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[1].States.StateGroups.MaxConcurrency == 4 &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[1].States.StateGroups.ItemsPath == "$.plan.groups" &&
      length(jsondecode(aws_sfn_state_machine.this.definition).States.Plan.Result.groups) == 56 &&
      contains(jsondecode(aws_sfn_state_machine.this.definition).States.Plan.Result.groups, "72")
    )
    error_message = "National layers in one child beside a Map of one child per state group (56: states, DC, PR, island areas), at most 4 at once."
  }

  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[0].States.National.Parameters.Overrides.ContainerOverrides[0].Environment == [
        { Name = "TIGER_LAYERS", Value = "STATE,COUNTY,CD,ZCTA520" },
        { Name = "TIGER_SYNC_REGIONS", Value = "false" },
      ] &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[1].States.StateGroups.ItemProcessor.States.StateGroup.Parameters.Overrides.ContainerOverrides[0].Environment == [
        { Name = "TIGER_LAYERS", Value = "SLDU,SLDL,PLACE" },
        { Name = "TIGER_STATES", "Value.$" = "$.states" },
        { Name = "TIGER_SYNC_REGIONS", Value = "false" },
      ] &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Sync.Parameters.Overrides.ContainerOverrides[0] == { Name = "tigerimport", Command = ["sync-regions"] }
    )
    error_message = "The national child loads the national layers, each state child its layers for its states (neither syncs); the last step runs sync-regions once."
  }

  assert {
    condition = alltrue([
      for task in [
        jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[0].States.National,
        jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[1].States.StateGroups.ItemProcessor.States.StateGroup,
        jsondecode(aws_sfn_state_machine.this.definition).States.Sync,
      ] : task.Resource == "arn:aws:states:::ecs:runTask.sync" &&
      task.Parameters.TaskDefinition == aws_ecs_task_definition.this.arn &&
      task.Parameters.Cluster == aws_ecs_cluster.this.arn &&
      task.Parameters.LaunchType == "FARGATE" &&
      task.Parameters.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp == "ENABLED"
    ])
    error_message = "Every child is an ECS RunTask .sync of this task definition in this cluster."
  }

  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[0].States.National.TimeoutSeconds == 14400 &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[1].States.StateGroups.ItemProcessor.States.StateGroup.TimeoutSeconds == 14400 &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Sync.TimeoutSeconds == 3600 &&
      jsondecode(aws_sfn_state_machine.this.definition).TimeoutSeconds == 86400
    )
    error_message = "Every ECS task state has a timeout (4 h per import attempt, 1 h for the sync), and the execution one of a day."
  }

  assert {
    condition     = jsondecode(aws_sfn_state_machine.this.definition).States.ReportSuccess.Parameters.TopicArn == var.report_topic_arn && jsondecode(aws_sfn_state_machine.this.definition).States.ReportFailure.Parameters.TopicArn == var.report_topic_arn
    error_message = "The outcome, success or failure, is reported to the topic."
  }

  assert {
    condition     = strcontains(jsondecode(aws_sfn_state_machine.this.definition).States.ReportFailure.Parameters["Message.$"], "States.JsonToString($.summary)") && jsondecode(aws_sfn_state_machine.this.definition).States.Failed.CausePath == "States.JsonToString($.summary)"
    error_message = "The failure report and the execution's cause name every failed child (the summary)."
  }

  assert {
    condition = { for s in jsondecode(aws_iam_role_policy.state_machine.policy).Statement : s.Sid => s.Action } == {
      RunImportTask    = ["ecs:RunTask"]
      WatchImportTasks = ["ecs:DescribeTasks", "ecs:StopTask"]
      PassTaskRoles    = ["iam:PassRole"]
      TaskStateEvents  = ["events:DescribeRule", "events:PutRule", "events:PutTargets"]
      Report           = ["sns:Publish"]
    }
    error_message = "The state machine may run and watch the import task, pass its two roles, use the .sync event rule and report: nothing else."
  }

  assert {
    condition = (
      one([for s in jsondecode(aws_iam_role_policy.state_machine.policy).Statement : s if s.Sid == "RunImportTask"]).Condition == { ArnEquals = { "ecs:cluster" = aws_ecs_cluster.this.arn } } &&
      one([for s in jsondecode(aws_iam_role_policy.state_machine.policy).Statement : s.Resource if s.Sid == "PassTaskRoles"]) == [aws_iam_role.execution.arn, aws_iam_role.task.arn] &&
      one([for s in jsondecode(aws_iam_role_policy.state_machine.policy).Statement : s.Resource if s.Sid == "TaskStateEvents"]) == "arn:aws:events:us-east-1:123456789012:rule/StepFunctionsGetEventsForECSTaskRule" &&
      one([for s in jsondecode(aws_iam_role_policy.state_machine.policy).Statement : s.Resource if s.Sid == "WatchImportTasks"]) == "arn:aws:ecs:us-east-1:123456789012:task/coalition-builder-production-geodata-import/*"
    )
    error_message = "Each statement of the state machine's role names its own resources."
  }

  assert {
    condition     = one(aws_scheduler_schedule.this.target).arn == aws_ecs_cluster.this.arn && [for s in jsondecode(aws_iam_role_policy.scheduler.policy).Statement : s.Sid] == ["RunImportTask", "PassTaskRoles", "DeadLetters"]
    error_message = "By default the schedule runs the single task."
  }
}

# Each child (national, state group, sync) is a loop: Task -> Stopped -> Classify -> ByExitCode/ByStopCode ->
# Backoff -> Wait -> Task, or an outcome Pass state. Nothing in a child can fail the branch or the Map.
run "a_failed_child_is_recorded_and_only_transient_exit_codes_are_retried" {
  command = apply

  variables {
    report_topic_arn = "arn:aws:sns:us-east-1:123456789012:coalition-builder-production-alarms"
  }

  assert {
    condition = alltrue(flatten([
      for states in [
        jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[0].States,
        jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[1].States.StateGroups.ItemProcessor.States,
      ] : [for name, state in states : state.Type != "Fail" && state.Type != "Succeed"]
    ]))
    error_message = "No state inside the fan-out's branches or the Map fails: a failed state group cannot abort the others or the national task."
  }

  assert {
    condition = alltrue([
      for prefix, states in {
        National   = jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[0].States
        StateGroup = jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[1].States.StateGroups.ItemProcessor.States
        Sync       = jsondecode(aws_sfn_state_machine.this.definition).States
        } : (
        [for c in states[prefix].Catch : c.ErrorEquals] == [["States.TaskFailed"], ["States.ALL"]] &&
        [for c in states[prefix].Catch : c.Next] == ["${prefix}CauseIsTask", "${prefix}Error"] &&
        states["${prefix}CauseIsTask"].Choices[0].Next == "${prefix}Stopped" && states["${prefix}CauseIsTask"].Default == "${prefix}Error" &&
        [for rule in states["${prefix}CauseIsTask"].Choices[0].And : rule.Variable] == ["$.error.Cause", "$.error.Cause"] &&
        states["${prefix}Error"].Parameters["error.$"] == "$.error" && !contains(keys(states["${prefix}Error"].Parameters), "cause.$") &&
        states["${prefix}Stopped"].Parameters["task.$"] == "States.StringToJson($.error.Cause)" &&
        states["${prefix}Classify"].Choices[0].Variable == "$.stopped.task.Containers[0].ExitCode" &&
        states["${prefix}Exited"].Parameters.outcome == "failed" &&
        states["${prefix}Exited"].Parameters["exitCode.$"] == "$.stopped.task.Containers[0].ExitCode" &&
        states["${prefix}Error"].Parameters.outcome == "failed" &&
        states["${prefix}Published"].Parameters.outcome == "published" &&
        states["${prefix}Wait"].Next == prefix
      )
    ])
    error_message = "Each child catches its own failure, reads the container's exit code from the stopped task, and ends in a recorded outcome (published or failed with its exit code)."
  }

  assert {
    condition = alltrue([
      for task in [
        jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[0].States.National,
        jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[1].States.StateGroups.ItemProcessor.States.StateGroup,
        jsondecode(aws_sfn_state_machine.this.definition).States.Sync,
      ] : [for r in task.Retry : r.ErrorEquals] == [["ECS.AmazonECSException", "ECS.ServerException", "ECS.ThrottlingException"]]
    ])
    error_message = "The only native retries are for RunTask calls that failed (nothing ran); States.TaskFailed is never retried blindly."
  }

  assert {
    condition = (
      [for c in jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[0].States.NationalByExitCode.Choices[0].And[0].Or : c.NumericEquals] == [3, 5] &&
      [for c in jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[1].States.StateGroups.ItemProcessor.States.StateGroupByExitCode.Choices[0].And[0].Or : c.NumericEquals] == [3, 5] &&
      [for c in jsondecode(aws_sfn_state_machine.this.definition).States.SyncByExitCode.Choices[0].And[0].Or : c.NumericEquals] == [5] &&
      jsondecode(aws_sfn_state_machine.this.definition).States.SyncByExitCode.Default == "SyncExited"
    )
    error_message = "Imports rerun on exit 3 (source) and 5 (database) only; the sync on 5 only (its 3 means refused incomplete states); 1, 2, 4 and 130 go straight to the failed outcome."
  }

  assert {
    condition = alltrue([for code in [1, 2, 4, 130] : !contains(flatten([
      for choice in [
        jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[0].States.NationalByExitCode,
        jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[1].States.StateGroups.ItemProcessor.States.StateGroupByExitCode,
        jsondecode(aws_sfn_state_machine.this.definition).States.SyncByExitCode,
      ] : [for c in choice.Choices[0].And[0].Or : c.NumericEquals]
    ]), code)])
    error_message = "Exit codes 1 (bug), 2 (usage), 4 (damaged data) and 130 (stopped by an operator) are never retried."
  }

  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.this.definition).States.SyncByStopCode.Choices[0].And[0] == { Variable = "$.stopped.task.StopCode", StringEquals = "TaskFailedToStart" } &&
      jsondecode(aws_sfn_state_machine.this.definition).States.SyncByExitCode.Choices[0].And[1] == { Variable = "$.retry.attempt", NumericLessThan = 2 } &&
      jsondecode(aws_sfn_state_machine.this.definition).States.SyncBackoff.Parameters["seconds.$"] == "States.ArrayGetItem(States.Array(120, 600), $.retry.attempt)"
    )
    error_message = "A task that failed to start is rerun too; at most 2 reruns, after 2 and then 10 minutes."
  }

  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.this.definition).States.Summarize.Parameters["groups.$"] == "$.import.groups[?(@.outcome == 'failed')]" &&
      [for c in jsondecode(aws_sfn_state_machine.this.definition).States.Decide.Choices[0].Or : c.Variable] == ["$.summary.groups[0]", "$.summary.national.outcome", "$.summary.sync.outcome"]
    )
    error_message = "The execution fails when any state group, the national child or the sync failed."
  }
}

run "without_a_report_topic_the_definition_is_still_valid" {
  command = apply

  variables {
    report_topic_arn = null
  }

  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.this.definition).States.Decide.Choices[0].Next == "Failed" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Decide.Default == "Succeeded" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Succeeded == { Type = "Succeed" } &&
      !contains(keys(jsondecode(aws_sfn_state_machine.this.definition).States), "ReportFailure") &&
      !contains(keys(jsondecode(aws_sfn_state_machine.this.definition).States), "ReportSuccess")
    )
    error_message = "Without a topic the decision leads straight to Failed or Succeeded: no report state, and no unreachable state (Step Functions rejects one)."
  }

  assert {
    condition = alltrue([
      for name, state in jsondecode(aws_sfn_state_machine.this.definition).States :
      name == "Plan" || contains(flatten([
        for other in values(jsondecode(aws_sfn_state_machine.this.definition).States) : concat(
          [lookup(other, "Next", "")], [lookup(other, "Default", "")],
          [for c in lookup(other, "Choices", []) : c.Next], [for c in lookup(other, "Catch", []) : c.Next],
        )
      ]), name)
    ])
    error_message = "Every top-level state but the start is the target of some transition (infra/tools/asl checks the whole machine with asl-validator)."
  }

  assert {
    condition     = length([for s in jsondecode(aws_iam_role_policy.state_machine.policy).Statement : s if s.Sid == "Report"]) == 0
    error_message = "Without a topic the state machine has no SNS right."
  }
}

run "region_sync_can_be_turned_off" {
  command = apply

  variables {
    sync_regions = false
  }

  assert {
    condition = (
      { for e in one(jsondecode(aws_ecs_task_definition.this.container_definitions)).environment : e.name => e.value }["TIGER_SYNC_REGIONS"] == "false" &&
      !contains(keys(jsondecode(aws_sfn_state_machine.this.definition).States), "Sync") &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Import.Next == "Summarize" &&
      [for c in jsondecode(aws_sfn_state_machine.this.definition).States.Decide.Choices[0].Or : c.Variable] == ["$.summary.groups[0]", "$.summary.national.outcome"]
    )
    error_message = "sync_regions = false: the single task does not sync and the fan-out has no sync step."
  }
}

run "a_schedule_that_cannot_start_its_target_dead_letters" {
  command = apply

  assert {
    condition = (
      one(one(aws_scheduler_schedule.this.target).dead_letter_config).arn == aws_sqs_queue.schedule_dlq.arn &&
      one([for s in jsondecode(aws_iam_role_policy.scheduler.policy).Statement : s if s.Sid == "DeadLetters"]) == { Sid = "DeadLetters", Effect = "Allow", Action = ["sqs:SendMessage"], Resource = aws_sqs_queue.schedule_dlq.arn } &&
      aws_sqs_queue.schedule_dlq.sqs_managed_sse_enabled &&
      aws_sqs_queue.schedule_dlq.message_retention_seconds == 1209600 &&
      output.schedule_dlq_name == aws_sqs_queue.schedule_dlq.name
    )
    error_message = "An invocation the schedule cannot deliver lands in its encrypted DLQ (kept 14 days), which only its role may write."
  }
}

run "schedule_starts_the_fan_out" {
  command = apply

  variables {
    schedule_target        = "state_machine"
    fanout_max_concurrency = 8
    fanout_state_groups    = ["25,44,50", "35"]
  }

  assert {
    condition = (
      one(aws_scheduler_schedule.this.target).arn == aws_sfn_state_machine.this.arn &&
      length(one(aws_scheduler_schedule.this.target).ecs_parameters) == 0 &&
      [for s in jsondecode(aws_iam_role_policy.scheduler.policy).Statement : s if s.Sid != "DeadLetters"] == [{ Sid = "StartFanOut", Effect = "Allow", Action = ["states:StartExecution"], Resource = aws_sfn_state_machine.this.arn }]
    )
    error_message = "Scheduled to the state machine, the schedule may start that state machine and nothing else."
  }

  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.this.definition).States.Import.Branches[1].States.StateGroups.MaxConcurrency == 8 &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Plan.Result.groups == ["25,44,50", "35"] &&
      jsondecode(aws_sfn_state_machine.this.definition).States.Succeeded == { Type = "Succeed" } &&
      !contains(keys(jsondecode(aws_iam_role_policy.state_machine.policy)), "Report") &&
      length([for s in jsondecode(aws_iam_role_policy.state_machine.policy).Statement : s if s.Sid == "Report"]) == 0
    )
    error_message = "Groups and the concurrency cap come from the variables; without a topic there is no report step and no SNS right."
  }
}

run "fan_out_inputs_are_validated" {
  command = plan

  variables {
    schedule_target        = "lambda"
    fanout_max_concurrency = 0
    fanout_state_groups    = ["25;44"]
  }

  expect_failures = [var.schedule_target, var.fanout_max_concurrency, var.fanout_state_groups]
}
