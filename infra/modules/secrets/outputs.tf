output "arns" {
  description = "Secret ARNs by short name."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
}

output "names" {
  description = "Secret names by short name (for `aws secretsmanager put-secret-value --secret-id`)."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.name }
}

output "policies" {
  description = "Each secret's resource policy (JSON), by short name, for review and tests."
  value       = { for k, p in aws_secretsmanager_secret_policy.this : k => p.policy }
}
