# The TIGER import worker on its own: a VPC without NAT, a small PostgreSQL 16, the import secret and the Fargate
# task with its monthly schedule. No Lambda, so no Secrets Manager interface endpoint: the task, in a public
# subnet, reaches Secrets Manager over the internet.
provider "aws" {
  region              = var.aws_region
  allowed_account_ids = [var.aws_account_id]
}

module "network" {
  source = "../../modules/network"

  environment         = "dev"
  aws_region          = var.aws_region
  availability_zones  = var.availability_zones
  interface_endpoints = []
}

module "database" {
  source = "../../modules/database"

  environment         = "dev"
  deletion_protection = false
  subnet_ids          = module.network.private_subnet_ids
  security_group_ids  = [module.network.database_security_group_id]
}

module "secrets" {
  source = "../../modules/secrets"

  environment = "dev"
  secrets = {
    "import-database-url" = "DATABASE_URL of the TIGER import user (postgres://...?sslmode=verify-full)"
  }
  readers = { "import-database-url" = module.geodata_import.secret_reader_role_arns }
}

module "geodata_import" {
  source = "../../modules/geodata-import"

  environment                = "dev"
  aws_region                 = var.aws_region
  aws_account_id             = var.aws_account_id
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.public_subnet_ids
  database_security_group_id = module.network.database_security_group_id
  database_url_secret_arn    = module.secrets.arns["import-database-url"]
  image_tag                  = var.image_tag
  tiger_layers               = "STATE,COUNTY"
  schedule_enabled           = true
}
