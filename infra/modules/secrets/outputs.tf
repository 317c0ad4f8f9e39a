output "arns" {
  description = "Secret ARNs by short name."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
}

output "names" {
  description = "Secret names by short name (for `aws secretsmanager put-secret-value --secret-id`)."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.name }
}
