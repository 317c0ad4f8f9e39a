mock_provider "aws" {
  source = "../../tests/mocks"
}

run "on_demand_with_ttl_and_pitr" {
  command = apply

  variables {
    environment = "shared"
  }

  assert {
    condition     = aws_dynamodb_table.this.name == "coalition-builder-shared-rate-limit"
    error_message = "The table name carries the project and environment prefix."
  }

  assert {
    condition     = aws_dynamodb_table.this.billing_mode == "PAY_PER_REQUEST"
    error_message = "The table must be pay-per-request."
  }

  assert {
    condition     = one(aws_dynamodb_table.this.ttl).enabled && one(aws_dynamodb_table.this.ttl).attribute_name == "expires_at"
    error_message = "TTL must be enabled on expires_at."
  }

  assert {
    condition     = one(aws_dynamodb_table.this.point_in_time_recovery).enabled
    error_message = "Point-in-time recovery must be on."
  }

  assert {
    condition     = aws_dynamodb_table.this.deletion_protection_enabled
    error_message = "Deletion protection is on by default."
  }
}

run "unknown_environment_is_rejected" {
  command = plan

  variables {
    environment = "qa"
  }

  expect_failures = [var.environment]
}
