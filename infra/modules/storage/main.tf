locals {
  name = "${var.project}-${var.environment}"
  # AWS managed policies (stable IDs): CachingOptimized and SecurityHeadersPolicy.
  caching_optimized_policy_id = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  security_headers_policy_id  = "67f7725c-6f97-4210-82d7-5512b31e9d03"
}

# collectstatic output, served only through CloudFront.
module "static" {
  source = "../s3-bucket"

  name = "${local.name}-static-${var.aws_account_id}"
  tags = var.tags
  policy_statements = [{
    sid        = "CloudFrontOriginAccessControlRead"
    principals = { Service = ["cloudfront.amazonaws.com"] }
    actions    = ["s3:GetObject"]
    resources  = ["${module.static.arn}/*"]
    conditions = { StringEquals = { "AWS:SourceArn" = [aws_cloudfront_distribution.this.arn] } }
  }]
}

# User uploads: private; Django hands out presigned URLs (django-storages querystring_auth).
module "media" {
  source = "../s3-bucket"

  name = "${local.name}-media-${var.aws_account_id}"
  tags = var.tags
}

resource "aws_cloudfront_origin_access_control" "this" {
  name                              = "${local.name}-static"
  description                       = "CloudFront reads of the static bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "this" {
  enabled         = true
  comment         = "${local.name} static files"
  is_ipv6_enabled = true
  http_version    = "http2and3"
  price_class     = var.price_class
  tags            = var.tags

  origin {
    origin_id                = "static"
    domain_name              = module.static.regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.this.id
  }

  default_cache_behavior {
    target_origin_id           = "static"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.caching_optimized_policy_id
    response_headers_policy_id = local.security_headers_policy_id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
