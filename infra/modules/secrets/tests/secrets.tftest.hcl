mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  environment = "staging"
}

run "containers_without_values" {
  command = apply

  assert {
    condition     = output.names == { "database-url" = "coalition-builder-staging/database-url", "django-secret-key" = "coalition-builder-staging/django-secret-key", "import-database-url" = "coalition-builder-staging/import-database-url" }
    error_message = "The three designed secrets are created under the environment prefix."
  }

  assert {
    condition     = alltrue([for s in aws_secretsmanager_secret.this : s.recovery_window_in_days == 7])
    error_message = "Deleted secrets stay recoverable for 7 days."
  }
}

run "shared_is_not_an_environment_for_secrets" {
  command = plan

  variables {
    environment = "shared"
  }

  expect_failures = [var.environment]
}
