output "name" {
  description = "Repository name."
  value       = aws_ecr_repository.this.name
}

output "arn" {
  description = "Repository ARN (for IAM policies)."
  value       = aws_ecr_repository.this.arn
}

output "url" {
  description = "Repository URL, to which an image tag is appended."
  value       = aws_ecr_repository.this.repository_url
}
