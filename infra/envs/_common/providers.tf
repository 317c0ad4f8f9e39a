# Symlinked into every environment; each defines local.environment in its main.tf.
provider "aws" {
  region = var.aws_region
  # A plan against the wrong account (a stale profile) fails before it touches anything.
  allowed_account_ids = [var.aws_account_id]

  default_tags {
    tags = {
      Project     = "coalition-builder"
      Environment = local.environment
      ManagedBy   = "terraform"
    }
  }
}
