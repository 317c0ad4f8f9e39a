# Symlinked into every environment (dev, staging, production): one provider pin and one backend for all three.
terraform {
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  # Remote state: an S3 bucket (versioned, encrypted) with S3-native locking (Terraform >= 1.10, no DynamoDB
  # lock table). The bucket, key and region come from the command line, once per environment:
  #   terraform init -backend-config="bucket=coalition-builder-terraform-state-<account id>" \
  #     -backend-config="key=coalition-builder/<env>/terraform.tfstate" -backend-config="region=us-east-1"
  # The offline checks run `terraform init -backend=false`.
  backend "s3" {
    encrypt      = true
    use_lockfile = true
  }
}
