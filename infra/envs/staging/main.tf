# Staging owns what dev and staging share (see infra/README.md): the VPC, the db.t3.micro instance (one database
# per environment on it) and the rate-limit table (keys prefixed per environment). Apply staging before dev.
locals {
  environment = "staging"
  shared      = "shared"
}

module "network" {
  source = "../../modules/network"

  environment        = local.shared
  aws_region         = var.aws_region
  cidr_block         = "10.20.0.0/16"
  availability_zones = var.availability_zones
}

module "database" {
  source = "../../modules/database"

  environment = local.shared
  # Dev's and staging's databases live here: a destroy of staging must not take dev's data with it.
  deletion_protection = true
  instance_class      = "db.t3.micro"
  subnet_ids          = module.network.private_subnet_ids
  security_group_ids  = [module.network.database_security_group_id]
}

module "dynamodb" {
  source = "../../modules/dynamodb"

  environment         = local.shared
  deletion_protection = true
}

module "secrets" {
  source = "../../modules/secrets"

  environment = local.environment
  # Each secret's resource policy names the roles that read it: the Lambda, and the import task's ECS agent.
  readers = {
    "database-url"        = [module.zappa.lambda_role_arn]
    "django-secret-key"   = [module.zappa.lambda_role_arn]
    "import-database-url" = module.geodata_import.secret_reader_role_arns
  }
}

module "storage" {
  source = "../../modules/storage"

  environment    = local.environment
  aws_account_id = var.aws_account_id
}

module "api" {
  source = "../../modules/api"

  environment            = local.environment
  throttling_rate_limit  = 50
  throttling_burst_limit = 100
  cors_allowed_origins   = var.frontend_origins
  domain_name            = var.api_domain_name
  route53_zone_id        = var.route53_zone_id
  rest_api_id            = var.rest_api_id
}

module "zappa" {
  source = "../../modules/zappa"

  environment    = local.environment
  aws_region     = var.aws_region
  aws_account_id = var.aws_account_id
  memory_size    = 512
  # Each warm instance holds one database connection: see infra/README.md, "Throttling".
  reserved_concurrency       = 10
  rest_api_id                = var.rest_api_id
  keep_warm_interval_minutes = 10
  vpc_subnet_ids             = module.network.private_subnet_ids
  vpc_security_group_ids     = [module.network.lambda_security_group_id]
  secret_arns = {
    DATABASE_URL_SECRET_ARN      = module.secrets.arns["database-url"]
    DJANGO_SECRET_KEY_SECRET_ARN = module.secrets.arns["django-secret-key"]
  }
  rate_limit_table        = { name = module.dynamodb.name, arn = module.dynamodb.arn }
  asset_bucket_arns       = [module.storage.static_bucket_arn, module.storage.media_bucket_arn]
  environment_variables   = merge(module.storage.django_environment, module.api.django_environment)
  custom_domain           = module.api.custom_domain
  deployer_principal_arns = var.deployer_principal_arns
}

module "geodata_import" {
  source = "../../modules/geodata-import"

  environment                = local.environment
  aws_region                 = var.aws_region
  aws_account_id             = var.aws_account_id
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.public_subnet_ids
  database_security_group_id = module.network.database_security_group_id
  database_url_secret_arn    = module.secrets.arns["import-database-url"]
  image_tag                  = var.import_image_tag
  schedule_enabled           = var.import_schedule_enabled
  cpu_architecture           = var.import_cpu_architecture
  schedule_target            = var.import_schedule_target
  report_topic_arn           = module.monitoring.sns_topic_arn
}

module "monitoring" {
  source = "../../modules/monitoring"

  environment          = local.environment
  lambda_function_name = module.zappa.function_name
  api_name             = module.api.api_name
  # The shared table is watched here, by its owner.
  dynamodb_table_name   = module.dynamodb.name
  ecs_cluster_name      = module.geodata_import.cluster_name
  import_log_group_name = module.geodata_import.log_group_name

  import_state_machine_arn = module.geodata_import.state_machine_arn
  import_schedule_dlq_name = module.geodata_import.schedule_dlq_name
  alarm_email              = var.alarm_email
}
