variable "project" {
  description = "Name prefix shared by every resource."
  type        = string
  default     = "coalition-builder"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.project))
    error_message = "project must be 3-32 lowercase letters, digits and hyphens."
  }
}

variable "environment" {
  description = "Environment whose database the task loads."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be one of dev, staging, production."
  }
}

variable "aws_region" {
  description = "Region, for the awslogs driver and ARNs."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like us-east-1."
  }
}

variable "aws_account_id" {
  description = "Account ID, for the cache bucket name and the roles' confused-deputy conditions."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be 12 digits."
  }
}

variable "vpc_id" {
  description = "VPC of the database."
  type        = string
}

variable "subnet_ids" {
  description = "Public subnets for the task: it gets a public IP per run to reach Census, ECR and AWS APIs without a NAT."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 1
    error_message = "At least one public subnet is required."
  }
}

variable "database_security_group_id" {
  description = "Security group of RDS; the module adds an ingress rule for the task to it."
  type        = string
}

variable "database_url_secret_arn" {
  description = "Secret holding the importer's DATABASE_URL (read by the ECS agent at task start, never by the container's role)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:", var.database_url_secret_arn))
    error_message = "database_url_secret_arn must be a Secrets Manager ARN."
  }
}

variable "image_tag" {
  description = "Tag of the worker image in this module's ECR repository (tags are immutable: CI pushes the git SHA)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag must be a valid Docker tag."
  }
}

variable "tiger_year" {
  description = "TIGER/Line vintage the scheduled run loads (TIGER_YEAR)."
  type        = number
  default     = 2024

  validation {
    condition     = var.tiger_year >= 2008 && var.tiger_year <= 2100 && floor(var.tiger_year) == var.tiger_year
    error_message = "tiger_year must be a year from 2008 on."
  }
}

variable "tiger_layers" {
  description = "Comma-separated TIGER layers the scheduled run loads (TIGER_LAYERS)."
  type        = string
  default     = "STATE,COUNTY,PLACE,CD,SLDU,SLDL"

  validation {
    condition     = can(regex("^[A-Z0-9]+(,[A-Z0-9]+)*$", var.tiger_layers))
    error_message = "tiger_layers must be upper-case layer names separated by commas (it is rendered into JSON)."
  }
}

variable "tiger_cache_prefix" {
  description = "Key prefix of the download cache in the bucket; the task may touch nothing else."
  type        = string
  default     = "tiger/"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9/_-]*/$", var.tiger_cache_prefix))
    error_message = "tiger_cache_prefix must be a relative key prefix ending in /."
  }
}

variable "schedule_enabled" {
  description = "Run the import on schedule_expression (the schedule exists either way, to run by hand)."
  type        = bool
  default     = false
  nullable    = false
}

variable "schedule_expression" {
  description = "EventBridge Scheduler expression, UTC. Default: monthly, on the 3rd at 09:00 (after the nightly backup window)."
  type        = string
  default     = "cron(0 9 3 * ? *)"

  validation {
    condition     = can(regex("^(cron|rate)\\(.+\\)$", var.schedule_expression))
    error_message = "schedule_expression must be cron(...) or rate(...)."
  }
}

variable "log_retention_days" {
  description = "Retention of the task's log group."
  type        = number
  default     = 7

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch retention value up to 90 days."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
