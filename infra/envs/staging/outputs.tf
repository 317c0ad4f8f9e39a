output "database_address" {
  description = "Host of the shared dev/staging instance, for both environments' DATABASE_URL secrets (sslmode=verify-full)."
  value       = module.database.address
}

output "database_master_secret_arn" {
  description = "RDS-managed master credentials, for the one-time creation of each environment's database and users."
  value       = module.database.master_user_secret_arn
}

output "shared_for_dev" {
  description = "What dev consumes from staging: `terraform output -json shared_for_dev | jq '{shared: .}' > ../dev/shared.auto.tfvars.json`."
  value = {
    vpc_id                     = module.network.vpc_id
    private_subnet_ids         = module.network.private_subnet_ids
    public_subnet_ids          = module.network.public_subnet_ids
    lambda_security_group_id   = module.network.lambda_security_group_id
    database_security_group_id = module.network.database_security_group_id
    rate_limit_table_name      = module.dynamodb.name
  }
}
