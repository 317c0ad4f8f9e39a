output "name" {
  description = "Bucket name."
  value       = aws_s3_bucket.this.bucket
}

output "arn" {
  description = "Bucket ARN."
  value       = aws_s3_bucket.this.arn
}

output "regional_domain_name" {
  description = "Regional domain name, for a CloudFront S3 origin."
  value       = aws_s3_bucket.this.bucket_regional_domain_name
}

output "policy" {
  description = "The bucket policy document (JSON), for review and tests."
  value       = aws_s3_bucket_policy.this.policy
}
