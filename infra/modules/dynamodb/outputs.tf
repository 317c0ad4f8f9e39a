output "name" {
  description = "Table name (RATE_LIMIT_TABLE for Django)."
  value       = aws_dynamodb_table.this.name
}

output "arn" {
  description = "Table ARN (for the Lambda policy)."
  value       = aws_dynamodb_table.this.arn
}

output "deletion_protection" {
  description = "Whether the table refuses to be deleted."
  value       = aws_dynamodb_table.this.deletion_protection_enabled
}
