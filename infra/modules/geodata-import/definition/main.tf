# A full vintage fanned out over Fargate by Step Functions: the national layers in one task, the state layers in one
# task per state group (at most fanout_max_concurrency at once), then the region sync, then a report. Each child is
# the same task definition with other TIGER_LAYERS/TIGER_STATES; the worker locks per layer and partition, so
# children loading different states of one layer run side by side and publish one after another.
#
# Every child ends in a Pass state that records its outcome ({child, states, outcome, exitCode | error}), never in a
# failure: one failed state group does not stop the others or the national task, and the sync always runs (it
# refuses incomplete states itself). The Summarize state collects the failed children; if there is any, the execution
# reports them and ends in the Fail state, so the failed-executions alarm hears it.
#
# Retries follow the worker's exit-code contract (src/TigerImport.Cli/ExitCodes.cs): RunTask .sync fails with
# States.TaskFailed whose Cause is the stopped task as JSON, so a Choice reads Containers[0].ExitCode. Only exit 3
# (source: Census throttling, a cut download) and 5 (database: a restart, a lock held by a straggler) are retried,
# after a pause, and a task that never started (StopCode TaskFailedToStart: capacity, an ENI, an image pull). Never
# 2 (usage), 4 (damaged data), 130 (stopped by an operator), 1 (a bug), or a state timeout. For the sync, exit 3
# means "states refused as incomplete", which a rerun cannot fix: it retries exit 5 only.
# Only locals: the parent module creates the state machine; infra/tools/asl renders this module for every
# combination of options and runs an ASL validator on each.

locals {
  container_name = var.container_name
  run_task = {
    LaunchType      = "FARGATE"
    PlatformVersion = "LATEST"
    Cluster         = var.cluster_arn
    TaskDefinition  = var.task_definition_arn
    NetworkConfiguration = {
      AwsvpcConfiguration = {
        Subnets        = var.subnet_ids
        SecurityGroups = var.security_group_ids
        AssignPublicIp = "ENABLED"
      }
    }
  }

  # RunTask itself failed (throttled, a service error): nothing ran, so a quick retry is always safe.
  start_retry = [
    { ErrorEquals = ["ECS.AmazonECSException", "ECS.ServerException", "ECS.ThrottlingException"], IntervalSeconds = 30, MaxAttempts = 3, BackoffRate = 2, JitterStrategy = "FULL" },
  ]
  # Pauses before the 2nd, 3rd, ... attempt of a child that stopped with a retryable exit code.
  retry_waits = var.retry_wait_seconds

  # The children, each a small loop of states named with its prefix (state names are unique machine-wide).
  children = merge(
    {
      National = {
        retry_exit_codes = [3, 5]
        timeout_seconds  = var.task_timeout_seconds
        identity         = { child = "national", layers = var.national_layers }
        overrides = { ContainerOverrides = [{
          Name = local.container_name
          Environment = [
            { Name = "TIGER_LAYERS", Value = var.national_layers },
            { Name = "TIGER_SYNC_REGIONS", Value = "false" },
          ]
        }] }
        result_path = "$"
        next        = null
      }
      StateGroup = {
        retry_exit_codes = [3, 5]
        timeout_seconds  = var.task_timeout_seconds
        identity         = { child = "state group", "states.$" = "$.states" }
        overrides = { ContainerOverrides = [{
          Name = local.container_name
          Environment = [
            { Name = "TIGER_LAYERS", Value = var.state_layers },
            { Name = "TIGER_STATES", "Value.$" = "$.states" },
            { Name = "TIGER_SYNC_REGIONS", Value = "false" },
          ]
        }] }
        result_path = "$"
        next        = null
      }
    },
    { for prefix, child in {
      Sync = {
        retry_exit_codes = [5]
        timeout_seconds  = var.sync_timeout_seconds
        identity         = { child = "sync-regions" }
        overrides        = { ContainerOverrides = [{ Name = local.container_name, Command = ["sync-regions"] }] }
        result_path      = "$.sync"
        next             = "Summarize"
      }
    } : prefix => child if var.sync_regions },
  )

  # The sync's states, or none (merge of nothing is an empty object).
  sync_states = merge([for prefix, states in local.child_states : states if prefix == "Sync"]...)

  # Where a child's outcome goes: the branch's or item's whole output, or one field of the execution's state.
  # Through JSON: a conditional of two object shapes would unify them into map(string) ("End": "true").
  child_end = { for prefix, c in local.children : prefix => jsondecode(c.next == null ? jsonencode({ End = true }) : jsonencode({ ResultPath = c.result_path, Next = c.next })) }

  child_states = { for prefix, c in local.children : prefix => {
    "${prefix}Start" = {
      Type       = "Pass"
      Result     = { attempt = 0, seconds = 0 }
      ResultPath = "$.retry"
      Next       = prefix
    }
    (prefix) = {
      Type           = "Task"
      Resource       = "arn:aws:states:::ecs:runTask.sync"
      Parameters     = merge(local.run_task, { Overrides = c.overrides })
      TimeoutSeconds = c.timeout_seconds
      ResultPath     = null
      Retry          = local.start_retry
      Catch = [
        { ErrorEquals = ["States.TaskFailed"], ResultPath = "$.error", Next = "${prefix}CauseIsTask" },
        { ErrorEquals = ["States.ALL"], ResultPath = "$.error", Next = "${prefix}Error" },
      ]
      Next = "${prefix}Published"
    }
    # The Cause of a failed .sync task is the DescribeTasks entry of the stopped task, as a JSON string; but
    # States.TaskFailed also matches the ECS API's own errors (throttling, PassRole denied) once their retries are
    # spent, whose Cause is plain text (or absent): parsing that would fail in a Pass state and abort the fan-out.
    "${prefix}CauseIsTask" = {
      Type = "Choice"
      Choices = [{
        And = [
          { Variable = "$.error.Cause", IsPresent = true },
          { Variable = "$.error.Cause", StringMatches = "{*" },
        ]
        Next = "${prefix}Stopped"
      }]
      Default = "${prefix}Error"
    }
    "${prefix}Stopped" = {
      Type       = "Pass"
      Parameters = { "task.$" = "States.StringToJson($.error.Cause)" }
      ResultPath = "$.stopped"
      Next       = "${prefix}Classify"
    }
    "${prefix}Classify" = {
      Type = "Choice"
      Choices = [
        { Variable = "$.stopped.task.Containers[0].ExitCode", IsPresent = true, Next = "${prefix}ByExitCode" },
        { Variable = "$.stopped.task.StopCode", IsPresent = true, Next = "${prefix}ByStopCode" },
      ]
      Default = "${prefix}Error"
    }
    "${prefix}ByExitCode" = {
      Type = "Choice"
      Choices = [{
        And = [
          { Or = [for code in c.retry_exit_codes : { Variable = "$.stopped.task.Containers[0].ExitCode", NumericEquals = code }] },
          { Variable = "$.retry.attempt", NumericLessThan = length(local.retry_waits) },
        ]
        Next = "${prefix}Backoff"
      }]
      Default = "${prefix}Exited"
    }
    "${prefix}ByStopCode" = {
      Type = "Choice"
      Choices = [{
        And = [
          { Variable = "$.stopped.task.StopCode", StringEquals = "TaskFailedToStart" },
          { Variable = "$.retry.attempt", NumericLessThan = length(local.retry_waits) },
        ]
        Next = "${prefix}Backoff"
      }]
      Default = "${prefix}Error"
    }
    "${prefix}Backoff" = {
      Type = "Pass"
      Parameters = {
        "attempt.$" = "States.MathAdd($.retry.attempt, 1)"
        "seconds.$" = "States.ArrayGetItem(States.Array(${join(", ", local.retry_waits)}), $.retry.attempt)"
      }
      ResultPath = "$.retry"
      Next       = "${prefix}Wait"
    }
    "${prefix}Wait" = {
      Type        = "Wait"
      SecondsPath = "$.retry.seconds"
      Next        = prefix
    }
    "${prefix}Published" = merge({
      Type       = "Pass"
      Parameters = merge(c.identity, { outcome = "published", "retries.$" = "$.retry.attempt" })
    }, local.child_end[prefix])
    "${prefix}Exited" = merge({
      Type = "Pass"
      Parameters = merge(c.identity, {
        outcome           = "failed"
        "exitCode.$"      = "$.stopped.task.Containers[0].ExitCode"
        "stoppedReason.$" = "$.stopped.task.StoppedReason"
        "retries.$"       = "$.retry.attempt"
      })
    }, local.child_end[prefix])
    "${prefix}Error" = merge({
      Type = "Pass"
      # The whole error object: a caught error need not carry a Cause (States.Timeout), and a missing path would fail here.
      Parameters = merge(c.identity, { outcome = "failed", "error.$" = "$.error", "retries.$" = "$.retry.attempt" })
    }, local.child_end[prefix])
  } }

  failure_cause = "A TIGER import child or the region sync failed; the execution's output names each failed child and its exit code."

  # The end: with a topic, a report either way; the Fail state is reached in both shapes (Step Functions rejects a
  # definition with an unreachable state).
  # Through JSON: the two shapes differ, and a conditional needs one type.
  report = jsondecode(var.report_topic_arn == null ? jsonencode({
    Succeeded = { Type = "Succeed" }
    }) : jsonencode({
    ReportSuccess = {
      Type     = "Task"
      Resource = "arn:aws:states:::sns:publish"
      Parameters = {
        TopicArn    = var.report_topic_arn
        "Message.$" = "States.Format('TIGER import ${var.environment}: execution {} published every layer${var.sync_regions ? " and synced the regions" : ""}.', $$.Execution.Name)"
      }
      ResultPath = null
      End        = true
    }
    ReportFailure = {
      Type     = "Task"
      Resource = "arn:aws:states:::sns:publish"
      Parameters = {
        TopicArn    = var.report_topic_arn
        "Message.$" = "States.Format('TIGER import ${var.environment}: execution {} FAILED. failed state groups with their exit codes, the national child and the sync: {}', $$.Execution.Name, States.JsonToString($.summary))"
      }
      ResultPath = null
      # The report is best effort: the execution fails (and alarms) either way.
      Catch = [{ ErrorEquals = ["States.ALL"], ResultPath = null, Next = "Failed" }]
      Next  = "Failed"
    }
  }))

  state_machine_definition = {
    Comment        = "TIGER/Line ${var.tiger_year} for ${var.environment}: national layers and each state group as ECS tasks${var.sync_regions ? ", then the region sync" : ""}; failures are collected, reported and fail the execution"
    StartAt        = "Plan"
    TimeoutSeconds = var.execution_timeout_seconds
    States = merge(local.report, local.sync_states, {
      Plan = {
        Type       = "Pass"
        Result     = { groups = var.state_groups }
        ResultPath = "$.plan"
        Next       = "Import"
      }
      Import = {
        Type = "Parallel"
        Branches = [
          { StartAt = "NationalStart", States = local.child_states.National },
          {
            StartAt = "StateGroups"
            States = {
              StateGroups = {
                Type           = "Map"
                ItemsPath      = "$.plan.groups"
                ItemSelector   = { "states.$" = "$$.Map.Item.Value" }
                MaxConcurrency = var.max_concurrency
                ItemProcessor = {
                  ProcessorConfig = { Mode = "INLINE" }
                  StartAt         = "StateGroupStart"
                  States          = local.child_states.StateGroup
                }
                End = true
              }
            }
          },
        ]
        ResultSelector = { "national.$" = "$[0]", "groups.$" = "$[1]" }
        ResultPath     = "$.import"
        # Only a fault of the definition itself lands here (every child records its own failure).
        Catch = [{ ErrorEquals = ["States.ALL"], ResultPath = "$.error", Next = "ImportBroken" }]
        Next  = var.sync_regions ? "SyncStart" : "Summarize"
      }
      ImportBroken = {
        Type = "Pass"
        Parameters = {
          national = { child = "national", outcome = "failed", "error.$" = "$.error" }
          groups   = []
        }
        ResultPath = "$.import"
        Next       = var.sync_regions ? "SyncStart" : "Summarize"
      }
      # The failed state groups (a JSONPath filter), the national child and the sync: what the report names.
      Summarize = {
        Type = "Pass"
        Parameters = merge(
          { "groups.$" = "$.import.groups[?(@.outcome == 'failed')]", "national.$" = "$.import.national" },
          { for key, path in { "sync.$" = "$.sync" } : key => path if var.sync_regions },
        )
        ResultPath = "$.summary"
        Next       = "Decide"
      }
      Decide = {
        Type = "Choice"
        Choices = [{
          Or = concat(
            [
              { Variable = "$.summary.groups[0]", IsPresent = true },
              { Variable = "$.summary.national.outcome", StringEquals = "failed" },
            ],
            [for path in ["$.summary.sync.outcome"] : { Variable = path, StringEquals = "failed" } if var.sync_regions],
          )
          Next = var.report_topic_arn == null ? "Failed" : "ReportFailure"
        }]
        Default = var.report_topic_arn == null ? "Succeeded" : "ReportSuccess"
      }
      Failed = {
        Type      = "Fail"
        Error     = "ImportFailed"
        CausePath = "States.JsonToString($.summary)"
      }
    })
  }
}
