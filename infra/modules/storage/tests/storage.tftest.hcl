mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  environment    = "production"
  aws_account_id = "123456789012"
}

run "static_behind_cloudfront_with_oac" {
  command = apply

  assert {
    condition     = output.static_bucket_name == "coalition-builder-production-static-123456789012" && output.media_bucket_name == "coalition-builder-production-media-123456789012"
    error_message = "Bucket names carry project, environment and account."
  }

  assert {
    condition     = one(aws_cloudfront_distribution.this.origin).origin_access_control_id == aws_cloudfront_origin_access_control.this.id
    error_message = "CloudFront must reach the static bucket through origin access control."
  }

  assert {
    condition     = aws_cloudfront_origin_access_control.this.signing_behavior == "always" && aws_cloudfront_origin_access_control.this.origin_access_control_origin_type == "s3"
    error_message = "OAC must sign every request."
  }

  assert {
    condition     = one(aws_cloudfront_distribution.this.default_cache_behavior).viewer_protocol_policy == "redirect-to-https"
    error_message = "Viewers must use HTTPS."
  }

  assert {
    condition     = one(aws_cloudfront_distribution.this.default_cache_behavior).allowed_methods == toset(["GET", "HEAD"])
    error_message = "The static distribution is read-only."
  }
}

run "only_cloudfront_reads_static_and_media_stays_private" {
  command = apply

  assert {
    condition     = [for s in jsondecode(module.static.policy).Statement : s.Condition.StringEquals["AWS:SourceArn"] if s.Effect == "Allow"] == [[aws_cloudfront_distribution.this.arn]]
    error_message = "The static bucket grants reads to this distribution only."
  }

  assert {
    condition     = [for s in jsondecode(module.media.policy).Statement : s.Effect] == ["Deny"]
    error_message = "The media bucket grants nothing beyond IAM (its policy only denies non-TLS requests)."
  }
}
