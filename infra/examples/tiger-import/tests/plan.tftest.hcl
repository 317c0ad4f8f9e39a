# The real AWS provider, offline (fake credentials, no account lookup): a plan of new resources makes no API call,
# and runs the provider's own plan-time checks, which mocks skip.
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "offline"
  secret_key                  = "offline"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

variables {
  aws_account_id = "123456789012"
  image_tag      = "0123abc"
}

run "plans_offline_with_the_real_provider" {
  command = plan

  assert {
    condition     = module.geodata_import.schedule_state == "ENABLED" && module.database.instance_class == "db.t3.micro"
    error_message = "The example schedules the import against a db.t3.micro."
  }

  assert {
    condition     = module.geodata_import.tiger_cache_url == "s3://coalition-builder-dev-tiger-cache-123456789012/tiger/"
    error_message = "The task caches Census downloads in the account's own bucket."
  }
}
