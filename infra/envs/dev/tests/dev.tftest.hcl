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
  # As written by staging's shared_for_dev output (the defaults are placeholders, which the check rejects).
  shared = {
    vpc_id                     = "vpc-0a1b2c3d4e5f60718"
    private_subnet_ids         = ["subnet-0a1b2c3d4e5f60710", "subnet-0a1b2c3d4e5f60711"]
    public_subnet_ids          = ["subnet-0a1b2c3d4e5f60700", "subnet-0a1b2c3d4e5f60701"]
    lambda_security_group_id   = "sg-0a1b2c3d4e5f60701"
    database_security_group_id = "sg-0a1b2c3d4e5f60702"
    rate_limit_table_name      = "coalition-builder-shared-rate-limit"
  }
}

run "plans_offline_with_the_real_provider" {
  command = plan

  assert {
    condition = (
      output.zappa_settings.dev.memory_size == 512 &&
      !output.zappa_settings.dev.keep_warm &&
      !output.zappa_settings.dev.xray_tracing
    )
    error_message = "Dev Lambda: 512 MB, keep-warm off, no X-Ray."
  }

  assert {
    condition     = module.api.throttling.rate_limit == 10 && module.api.throttling.burst_limit == 20
    error_message = "Dev throttling is the lowest: 10 requests/s, burst 20."
  }
}

run "applies_with_mocks_on_staging_network_and_table" {
  command   = apply
  providers = { aws = aws.mock }

  assert {
    condition = (
      output.zappa_settings.dev.aws_environment_variables.RATE_LIMIT_TABLE == "coalition-builder-shared-rate-limit" &&
      output.zappa_settings.dev.aws_environment_variables.RATE_LIMIT_KEY_PREFIX == "dev:"
    )
    error_message = "Dev uses staging's table under its own key prefix."
  }

  assert {
    condition = jsonencode(output.zappa_settings.dev.vpc_config) == jsonencode({
      SubnetIds        = var.shared.private_subnet_ids
      SecurityGroupIds = [var.shared.lambda_security_group_id]
    })
    error_message = "Dev's Lambda joins staging's private subnets and Lambda security group (to reach the shared RDS)."
  }

  assert {
    condition     = module.geodata_import.schedule_state == "DISABLED" && module.geodata_import.run_task.network_configuration.awsvpcConfiguration.subnets == var.shared.public_subnet_ids
    error_message = "Dev imports run by hand, in staging's public subnets."
  }

  assert {
    condition     = !contains(keys(module.monitoring.alarm_names), "dynamodb-read-throttles")
    error_message = "Dev does not watch the table it does not own."
  }
}

run "placeholder_ids_raise_the_check" {
  command   = plan
  providers = { aws = aws.mock }

  variables {
    shared = merge(var.shared, { vpc_id = "vpc-00000000000000000" })
  }

  expect_failures = [check.shared_ids_come_from_staging]
}

run "no_role_of_dev_reaches_another_environment" {
  command   = apply
  providers = { aws = aws.mock }

  variables {
    api_domain_name = "api-dev.example.org"
  }

  assert {
    condition = alltrue(flatten([
      for doc in concat(values(module.zappa.iam_policies), values(module.geodata_import.iam_policies), values(module.secrets.policies)) : [
        for s in jsondecode(doc).Statement : [
          for other in ["staging", "production"] : !strcontains(jsonencode([try(s.Resource, null), try(s.NotResource, null), try(s.Condition, null)]), "coalition-builder-${other}")
        ]
      ]
    ]))
    error_message = "No statement of dev's roles, deploy policy or secret policies names a resource of staging or production."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(module.zappa.iam_policies.deploy).Statement : !contains(flatten([try(s.Resource, [])]), "*") if contains(flatten([s.Action]), "cloudfront:UpdateDistribution")
    ]) && strcontains(module.zappa.iam_policies.deploy, "cloudfront:UpdateDistribution")
    error_message = "With a custom domain, dev's deployer may update API Gateway's edge distribution but no distribution of the account."
  }

  assert {
    condition     = length(module.secrets.policies) == 3 && alltrue([for p in values(module.secrets.policies) : jsondecode(p).Statement[0].Effect == "Deny" && jsondecode(p).Statement[0].Sid == "OnlyNamedReaders"])
    error_message = "Each of dev's secrets has a resource policy naming its readers."
  }
}

run "the_monthly_job_of_dev_syncs_and_every_failure_alarms" {
  command   = apply
  providers = { aws = aws.mock }

  assert {
    condition = (
      { for e in one(module.geodata_import.task_definition.containerDefinitions).environment : e.name => e.value }["TIGER_SYNC_REGIONS"] == "true" &&
      { for e in one(module.geodata_import.task_definition.containerDefinitions).environment : e.name => e.value }["TIGER_ENVIRONMENT"] == "dev" &&
      contains(keys(jsondecode(module.geodata_import.state_machine_definition).States), "Sync")
    )
    error_message = "The scheduled task imports then syncs the regions; the fan-out ends with sync-regions; metrics carry Environment = dev."
  }

  assert {
    condition     = keys(module.monitoring.import_alarm_names) == ["execution-failed", "reject-spike", "schedule-dead-letters"]
    error_message = "dev: a reject spike, a failed/timed-out/aborted execution and a schedule that cannot start its target each raise an alarm."
  }
}
