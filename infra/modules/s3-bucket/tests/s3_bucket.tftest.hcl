mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  name = "coalition-builder-test-bucket-123456789012"
}

run "secure_defaults" {
  command = apply

  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.this.block_public_acls,
      aws_s3_bucket_public_access_block.this.block_public_policy,
      aws_s3_bucket_public_access_block.this.ignore_public_acls,
      aws_s3_bucket_public_access_block.this.restrict_public_buckets,
    ])
    error_message = "Every public access block setting must be on."
  }

  assert {
    condition     = one([for r in aws_s3_bucket_server_side_encryption_configuration.this.rule : one(r.apply_server_side_encryption_by_default).sse_algorithm]) == "AES256"
    error_message = "The bucket must be encrypted by default."
  }

  assert {
    condition     = one(aws_s3_bucket_ownership_controls.this.rule).object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs must be disabled."
  }

  assert {
    condition     = one(aws_s3_bucket_versioning.this.versioning_configuration).status == "Enabled"
    error_message = "Versioning is on by default."
  }

  assert {
    condition = anytrue([for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement :
      s.Effect == "Deny" && s.Condition.Bool["aws:SecureTransport"] == "false"
    ])
    error_message = "The bucket policy must deny requests without TLS."
  }

  assert {
    condition     = length(jsondecode(aws_s3_bucket_policy.this.policy).Statement) == 1
    error_message = "Without extra statements the policy holds only the TLS deny."
  }
}

run "extra_statements_are_allow_only_and_keep_conditions" {
  command = apply

  variables {
    versioning_enabled = false
    policy_statements = [{
      sid        = "CloudFrontRead"
      principals = { Service = ["cloudfront.amazonaws.com"] }
      actions    = ["s3:GetObject"]
      resources  = ["arn:aws:s3:::coalition-builder-test-bucket-123456789012/*"]
      conditions = { StringEquals = { "AWS:SourceArn" = ["arn:aws:cloudfront::123456789012:distribution/EXAMPLE"] } }
    }]
  }

  assert {
    condition     = one(aws_s3_bucket_versioning.this.versioning_configuration).status == "Suspended"
    error_message = "versioning_enabled = false must suspend versioning."
  }

  assert {
    condition = one([for s in jsondecode(aws_s3_bucket_policy.this.policy).Statement : s if s.Sid == "CloudFrontRead"]) == {
      Sid       = "CloudFrontRead"
      Effect    = "Allow"
      Principal = { Service = ["cloudfront.amazonaws.com"] }
      Action    = ["s3:GetObject"]
      Resource  = ["arn:aws:s3:::coalition-builder-test-bucket-123456789012/*"]
      Condition = { StringEquals = { "AWS:SourceArn" = ["arn:aws:cloudfront::123456789012:distribution/EXAMPLE"] } }
    }
    error_message = "An extra statement must be rendered as an Allow with its condition."
  }
}

# Every input below is invalid on its own; each must be rejected.
run "invalid_inputs_are_rejected" {
  command = plan

  variables {
    policy_statements = [{
      sid        = "TooBroad"
      principals = { AWS = ["arn:aws:iam::123456789012:root"] }
      actions    = ["s3:*"]
      resources  = ["arn:aws:s3:::coalition-builder-test-bucket-123456789012/*"]
    }]
    name = "Not_A_Bucket"
  }

  expect_failures = [var.policy_statements, var.name]
}
