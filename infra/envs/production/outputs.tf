output "database_address" {
  description = "RDS host for the DATABASE_URL secrets (sslmode=verify-full)."
  value       = module.database.address
}

output "database_master_secret_arn" {
  description = "RDS-managed master credentials, for the one-time creation of the app and import users."
  value       = module.database.master_user_secret_arn
}
