output "api_name" {
  description = "Name Zappa gives the REST API (the ApiName dimension of its CloudWatch metrics)."
  value       = local.api_name
}

output "stage_name" {
  description = "API Gateway stage (the Zappa stage)."
  value       = var.environment
}

output "throttling" {
  description = "Stage throttling applied once rest_api_id is known."
  value = {
    rate_limit  = var.throttling_rate_limit
    burst_limit = var.throttling_burst_limit
    applied     = length(aws_api_gateway_method_settings.this) == 1
  }
}

output "custom_domain" {
  description = "Zappa's domain and certificate_arn settings, or null without a custom domain."
  value = var.domain_name == null ? null : {
    domain          = var.domain_name
    certificate_arn = local.validate_in_dns ? aws_acm_certificate_validation.this[0].certificate_arn : aws_acm_certificate.this[0].arn
  }
}

output "certificate_validation_record" {
  description = "DNS record that validates the certificate, to create by hand when no route53_zone_id is given."
  value       = var.domain_name == null || local.validate_in_dns ? null : one(aws_acm_certificate.this[0].domain_validation_options)
}

output "django_environment" {
  description = "Django settings this module feeds, as Lambda environment variables."
  value = {
    CORS_ALLOWED_ORIGINS = join(",", var.cors_allowed_origins)
  }
}
