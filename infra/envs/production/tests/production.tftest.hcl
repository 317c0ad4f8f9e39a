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

  # Every optional piece on, so the real provider plans all of them.
  variables {
    alarm_email             = "ops@example.org"
    frontend_origins        = ["https://coalition.example.org"]
    api_domain_name         = "api.example.org"
    route53_zone_id         = "Z0123456789ABCDEFGHIJ"
    rest_api_id             = "abcde12345"
    deployer_principal_arns = ["arn:aws:iam::123456789012:role/github-actions"]
  }

  assert {
    condition = (
      output.zappa_settings.production.memory_size == 1024 &&
      output.zappa_settings.production.keep_warm_expression == "rate(4 minutes)" &&
      output.zappa_settings.production.xray_tracing
    )
    error_message = "Production Lambda: 1024 MB, keep-warm every 4 minutes, X-Ray on."
  }

  assert {
    condition     = module.database.instance_class == "db.t3.small"
    error_message = "Production has its own db.t3.small."
  }

  assert {
    condition     = module.database.deletion_protection
    error_message = "Production's instance refuses deletion."
  }

  assert {
    condition     = module.api.throttling.rate_limit == 100 && module.api.throttling.burst_limit == 200
    error_message = "Production throttling: 100 requests/s, burst 200."
  }
}

run "applies_with_mocks" {
  command   = apply
  providers = { aws = aws.mock }

  assert {
    condition     = output.zappa_settings.production.aws_environment_variables.RATE_LIMIT_TABLE == "coalition-builder-production-rate-limit"
    error_message = "Production has its own rate-limit table."
  }

  assert {
    condition     = module.geodata_import.schedule_state == "ENABLED"
    error_message = "The monthly import runs in production."
  }

  assert {
    condition     = output.zappa_settings.production.vpc_config.SubnetIds == module.network.private_subnet_ids
    error_message = "The Lambda runs in the private subnets, next to RDS."
  }

  assert {
    condition     = module.monitoring.log_retention_days == 7 && module.monitoring.failed_import_rule_name != null
    error_message = "7-day logs, and failed imports are reported."
  }

  assert {
    condition = alltrue(flatten([
      for doc in concat(values(module.zappa.iam_policies), values(module.geodata_import.iam_policies)) : [
        for s in jsondecode(doc).Statement : [for a in flatten([s.Action]) : a != "*" && !endswith(a, ":*")]
      ]
    ]))
    error_message = "No IAM statement in the environment may use a wildcard action."
  }
}

run "no_role_of_production_reaches_another_environment" {
  command   = apply
  providers = { aws = aws.mock }

  variables {
    api_domain_name = "api-production.example.org"
  }

  assert {
    condition = alltrue(flatten([
      for doc in concat(values(module.zappa.iam_policies), values(module.geodata_import.iam_policies), values(module.secrets.policies)) : [
        for s in jsondecode(doc).Statement : [
          for other in ["dev", "staging"] : !strcontains(jsonencode([try(s.Resource, null), try(s.NotResource, null), try(s.Condition, null)]), "coalition-builder-${other}")
        ]
      ]
    ]))
    error_message = "No statement of production's roles, deploy policy or secret policies names a resource of dev or staging."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(module.zappa.iam_policies.deploy).Statement : !contains(flatten([try(s.Resource, [])]), "*") if contains(flatten([s.Action]), "cloudfront:UpdateDistribution")
    ]) && strcontains(module.zappa.iam_policies.deploy, "cloudfront:UpdateDistribution")
    error_message = "With a custom domain, production's deployer may update API Gateway's edge distribution but no distribution of the account."
  }

  assert {
    condition     = length(module.secrets.policies) == 3 && alltrue([for p in values(module.secrets.policies) : jsondecode(p).Statement[0].Effect == "Deny" && jsondecode(p).Statement[0].Sid == "OnlyNamedReaders"])
    error_message = "Each of production's secrets has a resource policy naming its readers."
  }
}

run "the_monthly_job_of_production_syncs_and_every_failure_alarms" {
  command   = apply
  providers = { aws = aws.mock }

  assert {
    condition = (
      { for e in one(module.geodata_import.task_definition.containerDefinitions).environment : e.name => e.value }["TIGER_SYNC_REGIONS"] == "true" &&
      { for e in one(module.geodata_import.task_definition.containerDefinitions).environment : e.name => e.value }["TIGER_ENVIRONMENT"] == "production" &&
      contains(keys(jsondecode(module.geodata_import.state_machine_definition).States), "Sync")
    )
    error_message = "The scheduled task imports then syncs the regions; the fan-out ends with sync-regions; metrics carry Environment = production."
  }

  assert {
    condition     = keys(module.monitoring.import_alarm_names) == ["execution-failed", "reject-spike", "schedule-dead-letters"]
    error_message = "production: a reject spike, a failed/timed-out/aborted execution and a schedule that cannot start its target each raise an alarm."
  }
}
