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
