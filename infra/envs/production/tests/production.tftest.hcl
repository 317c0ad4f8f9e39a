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
