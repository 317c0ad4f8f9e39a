output "identifier" {
  description = "RDS instance identifier."
  value       = aws_db_instance.this.identifier
}

output "arn" {
  description = "RDS instance ARN."
  value       = aws_db_instance.this.arn
}

output "address" {
  description = "Host name for DATABASE_URL (connect with sslmode=verify-full: rds.force_ssl is on)."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "PostgreSQL port."
  value       = aws_db_instance.this.port
}

output "instance_class" {
  description = "Instance class in use (the cost table's main line)."
  value       = aws_db_instance.this.instance_class
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret, managed by RDS, with the master credentials (for the operator's one-time setup only)."
  value       = one(aws_db_instance.this.master_user_secret[*].secret_arn)
}

output "deletion_protection" {
  description = "Whether the instance refuses to be deleted (on for every instance that holds an environment's data)."
  value       = aws_db_instance.this.deletion_protection
}
