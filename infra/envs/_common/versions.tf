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
  # lock table). Uncomment, then per environment:
  #   terraform init -backend-config="key=coalition-builder/<env>/terraform.tfstate"
  # backend "s3" {
  #   bucket       = "coalition-builder-terraform-state-<account id>"
  #   region       = "us-east-1"
  #   encrypt      = true
  #   use_lockfile = true
  # }
}
