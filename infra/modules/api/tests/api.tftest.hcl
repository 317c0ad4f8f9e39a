mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  environment            = "dev"
  throttling_rate_limit  = 10
  throttling_burst_limit = 20
  cors_allowed_origins   = ["http://localhost:3000", "https://dev.example.org"]
}

run "before_the_first_zappa_deploy" {
  command = apply

  # The warning that throttling is not in force yet (a check: the first apply still runs).
  expect_failures = [check.throttling_in_force]

  assert {
    condition     = length(aws_api_gateway_method_settings.this) == 0 && !output.throttling.applied
    error_message = "Without a REST API ID there is nothing to throttle yet."
  }

  assert {
    condition     = output.custom_domain == null && length(aws_acm_certificate.this) == 0
    error_message = "No certificate without a custom domain."
  }

  assert {
    condition     = output.api_name == "coalition-builder-dev"
    error_message = "The API name must match Zappa's <project_name>-<stage>."
  }

  assert {
    condition     = output.django_environment.CORS_ALLOWED_ORIGINS == "http://localhost:3000,https://dev.example.org"
    error_message = "CORS origins are handed to Django as a comma-separated list."
  }
}

run "throttles_the_zappa_stage" {
  command = apply

  variables {
    rest_api_id = "abcde12345"
  }

  assert {
    condition     = aws_api_gateway_method_settings.this[0].stage_name == "dev" && aws_api_gateway_method_settings.this[0].method_path == "*/*"
    error_message = "Throttling applies to every method of the environment's stage."
  }

  assert {
    condition     = one(aws_api_gateway_method_settings.this[0].settings).throttling_rate_limit == 10 && one(aws_api_gateway_method_settings.this[0].settings).throttling_burst_limit == 20
    error_message = "The stage must carry the environment's rate and burst limits."
  }
}

run "custom_domain_validated_in_route53" {
  command = apply

  variables {
    domain_name     = "api-dev.example.org"
    route53_zone_id = "Z0123456789ABCDEFGHIJ"
    rest_api_id     = "abcde12345"
  }

  # The mock provider leaves computed sets empty: give the certificate the record ACM would ask for.
  override_resource {
    target = aws_acm_certificate.this
    values = {
      arn = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
      domain_validation_options = [{
        domain_name           = "api-dev.example.org"
        resource_record_name  = "_x1.api-dev.example.org."
        resource_record_type  = "CNAME"
        resource_record_value = "_x2.acm-validations.aws."
      }]
    }
  }

  assert {
    condition     = aws_route53_record.validation[0].name == "_x1.api-dev.example.org." && aws_route53_record.validation[0].records == toset(["_x2.acm-validations.aws."])
    error_message = "The validation record is the one ACM asks for."
  }

  assert {
    condition     = aws_acm_certificate.this[0].validation_method == "DNS" && length(aws_acm_certificate_validation.this) == 1
    error_message = "The certificate is DNS-validated through the zone."
  }

  assert {
    condition     = output.custom_domain.domain == "api-dev.example.org" && output.custom_domain.certificate_arn == aws_acm_certificate_validation.this[0].certificate_arn
    error_message = "Zappa must get the validated certificate."
  }
}

# Every input below is invalid on its own; each must be rejected.
run "invalid_inputs_are_rejected" {
  command = plan

  variables {
    throttling_burst_limit = 5
    cors_allowed_origins   = ["http://example.org"]
  }

  expect_failures = [var.throttling_burst_limit, var.cors_allowed_origins, check.throttling_in_force]
}
