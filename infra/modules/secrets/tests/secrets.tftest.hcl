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

run "each_secret_names_its_readers" {
  command = apply

  variables {
    readers = {
      "database-url"        = ["arn:aws:iam::123456789012:role/coalition-builder-staging-lambda"]
      "import-database-url" = ["arn:aws:iam::123456789012:role/coalition-builder-staging-geodata-import-execution"]
    }
  }

  assert {
    condition = jsondecode(output.policies["database-url"]).Statement == [{
      Sid       = "OnlyNamedReaders"
      Effect    = "Deny"
      Principal = "*"
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
      Condition = { StringNotEquals = { "aws:PrincipalArn" = ["arn:aws:iam::123456789012:role/coalition-builder-staging-lambda"] } }
    }]
    error_message = "Only the named role may read the secret, whatever identity policies elsewhere in the account grant."
  }

  assert {
    condition     = jsondecode(output.policies["django-secret-key"]).Statement[0].Sid == "NoReaders" && !can(jsondecode(output.policies["django-secret-key"]).Statement[0].Condition)
    error_message = "A secret with no reader named is readable by nobody."
  }

  assert {
    condition     = alltrue([for k, p in aws_secretsmanager_secret_policy.this : p.block_public_policy && p.secret_arn == aws_secretsmanager_secret.this[k].arn]) && length(aws_secretsmanager_secret_policy.this) == 3
    error_message = "Every secret has a resource policy, and none may be made public."
  }
}

run "readers_must_be_roles" {
  command = plan

  variables {
    readers = { "database-url" = ["*"] }
  }

  expect_failures = [var.readers]
}

run "shared_is_not_an_environment_for_secrets" {
  command = plan

  variables {
    environment = "shared"
  }

  expect_failures = [var.environment]
}
