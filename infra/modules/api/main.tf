# Zappa owns the REST API, its stage and the custom domain mapping (CloudFormation stack <project>-<stage>).
# Terraform owns what Zappa cannot express or should not decide: the ACM certificate, the stage throttling
# and the CORS origins (Django answers the preflight, since every route, OPTIONS included, is proxied to it).

locals {
  api_name        = "${var.project}-${var.environment}"
  validate_in_dns = var.domain_name != null && var.route53_zone_id != null
}

resource "aws_acm_certificate" "this" {
  count = var.domain_name == null ? 0 : 1

  domain_name       = var.domain_name
  validation_method = "DNS"
  tags              = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "validation" {
  count = local.validate_in_dns ? 1 : 0

  zone_id = var.route53_zone_id
  name    = one(aws_acm_certificate.this[0].domain_validation_options).resource_record_name
  type    = one(aws_acm_certificate.this[0].domain_validation_options).resource_record_type
  records = [one(aws_acm_certificate.this[0].domain_validation_options).resource_record_value]
  ttl     = 300
}

resource "aws_acm_certificate_validation" "this" {
  count = local.validate_in_dns ? 1 : 0

  certificate_arn         = aws_acm_certificate.this[0].arn
  validation_record_fqdns = [aws_route53_record.validation[0].fqdn]
}

# Applies to the stage Zappa deploys; Zappa's later deployments keep stage settings.
resource "aws_api_gateway_method_settings" "this" {
  count = var.rest_api_id == null ? 0 : 1

  rest_api_id = var.rest_api_id
  stage_name  = var.environment
  method_path = "*/*"

  settings {
    throttling_rate_limit  = var.throttling_rate_limit
    throttling_burst_limit = var.throttling_burst_limit
    # Detailed per-method metrics are custom metrics ($0.30 each); the API-level 4xx/5xx the alarms use are free.
    metrics_enabled = false
    logging_level   = "OFF"
  }
}

# Until rest_api_id is set (after the first `zappa deploy`), or after Zappa recreated the API under a new ID, the
# stage has no throttling: only the function's reserved concurrency (zappa module) bounds the load. A warning, not an
# error, so the first apply can run.
check "throttling_in_force" {
  assert {
    condition     = var.rest_api_id != null
    error_message = "API Gateway throttling of ${local.api_name} is not in force: set rest_api_id (`zappa status ${var.environment}`) and apply again. Until then only the Lambda's reserved concurrency limits requests."
  }
}
