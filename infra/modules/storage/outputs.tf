output "static_bucket_name" {
  description = "Static files bucket (Django AWS_STORAGE_BUCKET_NAME)."
  value       = module.static.name
}

output "static_bucket_arn" {
  description = "Static files bucket ARN."
  value       = module.static.arn
}

output "media_bucket_name" {
  description = "Media (uploads) bucket."
  value       = module.media.name
}

output "media_bucket_arn" {
  description = "Media bucket ARN."
  value       = module.media.arn
}

output "cloudfront_domain_name" {
  description = "CloudFront domain serving the static files."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution ID (for invalidations after collectstatic)."
  value       = aws_cloudfront_distribution.this.id
}

output "django_environment" {
  description = "Django settings this module feeds, as Lambda environment variables."
  value = {
    AWS_STORAGE_BUCKET_NAME = module.static.name
    AWS_MEDIA_BUCKET_NAME   = module.media.name
    CLOUDFRONT_DOMAIN       = aws_cloudfront_distribution.this.domain_name
  }
}
