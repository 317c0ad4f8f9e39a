# The real AWS provider, offline (fake credentials, no account lookup): a plan of new resources makes no API call,
# and runs the provider's own plan-time checks, which mocks skip.
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "offline"
  secret_key                  = "offline"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

mock_provider "aws" {
  alias  = "mock"
  source = "../../tests/mocks"
}

variables {
  aws_account_id   = "123456789012"
  import_image_tag = "0123abc"
  # Zappa has deployed (else the api module's throttling check fails the run; its own tests cover that).
  rest_api_id = "abcde12345"
}

run "plans_offline_with_the_real_provider" {
  command = plan

  assert {
    condition = (
      output.zappa_settings.staging.memory_size == 512 &&
      output.zappa_settings.staging.keep_warm_expression == "rate(10 minutes)" &&
      !output.zappa_settings.staging.xray_tracing
    )
    error_message = "Staging Lambda: 512 MB, keep-warm every 10 minutes, no X-Ray."
  }

  assert {
    condition     = module.database.instance_class == "db.t3.micro"
    error_message = "The shared dev/staging instance is a db.t3.micro."
  }

  assert {
    condition     = module.database.deletion_protection && module.dynamodb.deletion_protection
    error_message = "The shared instance and table hold dev's and staging's data: both need deletion protection."
  }

  assert {
    condition     = module.api.throttling.rate_limit == 50 && module.api.throttling.burst_limit == 100
    error_message = "Staging throttling: 50 requests/s, burst 100."
  }
}

run "applies_with_mocks" {
  command   = apply
  providers = { aws = aws.mock }

  assert {
    condition = (
      output.zappa_settings.staging.aws_environment_variables.RATE_LIMIT_TABLE == "coalition-builder-shared-rate-limit" &&
      output.zappa_settings.staging.aws_environment_variables.RATE_LIMIT_KEY_PREFIX == "staging:"
    )
    error_message = "Staging uses the shared table under its own key prefix."
  }

  assert {
    condition = (
      output.shared_for_dev.rate_limit_table_name == output.zappa_settings.staging.aws_environment_variables.RATE_LIMIT_TABLE &&
      output.shared_for_dev.private_subnet_ids == output.zappa_settings.staging.vpc_config.SubnetIds &&
      output.shared_for_dev.lambda_security_group_id == one(output.zappa_settings.staging.vpc_config.SecurityGroupIds)
    )
    error_message = "Dev must be handed exactly the network and table staging itself uses."
  }

  assert {
    condition     = module.geodata_import.schedule_state == "DISABLED"
    error_message = "Staging imports are started by hand by default."
  }

  assert {
    condition     = contains(keys(module.monitoring.alarm_names), "dynamodb-read-throttles")
    error_message = "Staging, the table's owner, watches its throttles."
  }
}

run "no_role_of_staging_reaches_another_environment" {
  command   = apply
  providers = { aws = aws.mock }

  variables {
    api_domain_name = "api-staging.example.org"
  }

  assert {
    condition = alltrue(flatten([
      for doc in concat(values(module.zappa.iam_policies), values(module.geodata_import.iam_policies), values(module.secrets.policies)) : [
        for s in jsondecode(doc).Statement : [
          for other in ["dev", "production"] : !strcontains(jsonencode([try(s.Resource, null), try(s.NotResource, null), try(s.Condition, null)]), "coalition-builder-${other}")
        ]
      ]
    ]))
    error_message = "No statement of staging's roles, deploy policy or secret policies names a resource of dev or production."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(module.zappa.iam_policies.deploy).Statement : !contains(flatten([try(s.Resource, [])]), "*") if contains(flatten([s.Action]), "cloudfront:UpdateDistribution")
    ]) && strcontains(module.zappa.iam_policies.deploy, "cloudfront:UpdateDistribution")
    error_message = "With a custom domain, staging's deployer may update API Gateway's edge distribution but no distribution of the account."
  }

  assert {
    condition     = length(module.secrets.policies) == 3 && alltrue([for p in values(module.secrets.policies) : jsondecode(p).Statement[0].Effect == "Deny" && jsondecode(p).Statement[0].Sid == "OnlyNamedReaders"])
    error_message = "Each of staging's secrets has a resource policy naming its readers."
  }
}

run "the_monthly_job_of_staging_syncs_and_every_failure_alarms" {
  command   = apply
  providers = { aws = aws.mock }

  assert {
    condition = (
      { for e in one(module.geodata_import.task_definition.containerDefinitions).environment : e.name => e.value }["TIGER_SYNC_REGIONS"] == "true" &&
      { for e in one(module.geodata_import.task_definition.containerDefinitions).environment : e.name => e.value }["TIGER_ENVIRONMENT"] == "staging" &&
      contains(keys(jsondecode(module.geodata_import.state_machine_definition).States), "Sync")
    )
    error_message = "The scheduled task imports then syncs the regions; the fan-out ends with sync-regions; metrics carry Environment = staging."
  }

  assert {
    condition     = keys(module.monitoring.import_alarm_names) == ["execution-failed", "reject-spike", "schedule-dead-letters"]
    error_message = "staging: a reject spike, a failed/timed-out/aborted execution and a schedule that cannot start its target each raise an alarm."
  }
}
