mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  environment        = "production"
  subnet_ids         = ["subnet-0000000000000000a", "subnet-0000000000000000b"]
  security_group_ids = ["sg-0000000000000000a"]
  instance_class     = "db.t3.small"
}

run "encrypted_private_backed_up" {
  command = apply

  assert {
    condition     = aws_db_instance.this.storage_encrypted
    error_message = "Storage must be encrypted."
  }

  assert {
    condition     = !aws_db_instance.this.publicly_accessible
    error_message = "The instance must not be publicly accessible."
  }

  assert {
    condition     = aws_db_instance.this.backup_retention_period == 7
    error_message = "Backups (and so point-in-time recovery) must be kept 7 days."
  }

  assert {
    condition     = aws_db_instance.this.manage_master_user_password && aws_db_instance.this.password == null
    error_message = "RDS must manage the master password in Secrets Manager; no password in state."
  }

  assert {
    condition     = aws_db_instance.this.storage_type == "gp3" && aws_db_instance.this.allocated_storage == 20 && aws_db_instance.this.max_allocated_storage > aws_db_instance.this.allocated_storage
    error_message = "20 GB gp3 with storage autoscaling is expected."
  }

  assert {
    condition     = !aws_db_instance.this.multi_az && aws_db_instance.this.deletion_protection
    error_message = "Single-AZ, with deletion protection by default."
  }

  assert {
    condition     = startswith(aws_db_instance.this.engine_version, "16") && aws_db_parameter_group.this.family == "postgres16"
    error_message = "PostgreSQL 16 is expected."
  }

  assert {
    condition     = [for p in aws_db_parameter_group.this.parameter : p.value if p.name == "rds.force_ssl"] == ["1"]
    error_message = "The parameter group must force SSL."
  }

  assert {
    condition     = !aws_db_instance.this.skip_final_snapshot
    error_message = "Deleting the instance must leave a final snapshot."
  }

  assert {
    condition     = aws_db_instance.this.instance_class == "db.t3.small" && output.instance_class == "db.t3.small"
    error_message = "The instance class input must reach the instance."
  }
}

# Every input below is invalid on its own; each must be rejected.
run "invalid_inputs_are_rejected" {
  command = plan

  variables {
    instance_class        = "db.r6g.large"
    backup_retention_days = 1
    engine_version        = "15.7"
  }

  expect_failures = [var.instance_class, var.backup_retention_days, var.engine_version]
}
