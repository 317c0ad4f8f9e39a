variable "project" {
  description = "Name prefix; also Zappa's project_name, so the function is <project>-<environment>."
  type        = string
  default     = "coalition-builder"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.project))
    error_message = "project must be 3-32 lowercase letters, digits and hyphens."
  }
}

variable "environment" {
  description = "Environment, which is also the Zappa stage."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be one of dev, staging, production."
  }
}

variable "aws_region" {
  description = "Region of the function, for ARNs and zappa_settings."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like us-east-1."
  }
}

variable "aws_account_id" {
  description = "Account ID, for ARNs (no data source, so plans need no credentials) and the bucket name."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be 12 digits."
  }
}

variable "memory_size" {
  description = "Lambda memory in MB (512 dev and staging, 1024 production); CPU scales with it."
  type        = number

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MB between 128 and 10240."
  }
}

variable "timeout_seconds" {
  description = "Lambda timeout. API Gateway gives up after 29 s anyway; 30 s lets a request that hit that limit finish its transaction."
  type        = number
  default     = 30

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 900
    error_message = "timeout_seconds must be between 1 and 900."
  }
}

variable "keep_warm_interval_minutes" {
  description = "Zappa keep-warm ping interval in minutes; null turns keep-warm off (Zappa's own default is on, every 4 minutes)."
  type        = number
  default     = null

  validation {
    condition     = var.keep_warm_interval_minutes == null || try(var.keep_warm_interval_minutes >= 2 && var.keep_warm_interval_minutes <= 60 && floor(var.keep_warm_interval_minutes) == var.keep_warm_interval_minutes, false)
    error_message = "keep_warm_interval_minutes must be null or a whole number between 2 and 60."
  }
}

variable "xray_tracing" {
  description = "Active X-Ray tracing (production only in the design)."
  type        = bool
  default     = false
}

variable "vpc_subnet_ids" {
  description = "Private subnets for the function (to reach RDS). Empty: the function runs outside the VPC."
  type        = list(string)
  default     = []
}

variable "vpc_security_group_ids" {
  description = "Security groups for the function in the VPC (the network module's Lambda group)."
  type        = list(string)
  default     = []

  validation {
    condition     = (length(var.vpc_security_group_ids) == 0) == (length(var.vpc_subnet_ids) == 0)
    error_message = "vpc_subnet_ids and vpc_security_group_ids are given together or not at all."
  }
}

variable "secret_arns" {
  description = "Secrets the function reads, by the environment variable that carries each ARN (e.g. DATABASE_URL_SECRET_ARN)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.secret_arns : can(regex("^[A-Z][A-Z0-9_]*$", k)) && can(regex("^arn:aws[a-z-]*:secretsmanager:", v))])
    error_message = "secret_arns keys must be UPPER_SNAKE_CASE names and values Secrets Manager ARNs."
  }
}

variable "rate_limit_table" {
  description = "The DynamoDB rate-limit table (shared by dev and staging, so keys are prefixed with the environment)."
  type = object({
    name = string
    arn  = string
  })
}

variable "asset_bucket_arns" {
  description = "Static and media buckets Django reads and writes (collectstatic, uploads)."
  type        = list(string)
  default     = []
}

variable "environment_variables" {
  description = "Extra Django settings for aws_environment_variables (the storage and api modules' django_environment)."
  type        = map(string)
  default     = {}
}

variable "custom_domain" {
  description = "The api module's custom_domain (domain and certificate_arn for `zappa certify`), or null."
  type = object({
    domain          = string
    certificate_arn = string
  })
  default = null
}

variable "rest_api_id" {
  description = "The REST API Zappa created for this stage (`zappa status`), or null before the first deploy. Once set, the deploy policy names it instead of matching Zappa's ZappaProject tag."
  type        = string
  default     = null

  validation {
    condition     = var.rest_api_id == null || can(regex("^[a-z0-9]{10}$", var.rest_api_id))
    error_message = "rest_api_id must be a 10-character API Gateway ID."
  }
}

variable "reserved_concurrency" {
  description = "Reserved (and so maximum) concurrent executions of the function: caps its database connections (one per warm instance) from the first deploy, before API throttling is in force."
  type        = number

  validation {
    condition     = var.reserved_concurrency >= 1 && var.reserved_concurrency <= 100 && floor(var.reserved_concurrency) == var.reserved_concurrency
    error_message = "reserved_concurrency must be a whole number from 1 to 100."
  }
}

variable "deployer_principal_arns" {
  description = "IAM principals (CI roles, operators) that may assume the deploy role. Empty: only the deploy policy is created, to attach to an existing CI role."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.deployer_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(root|role/.+|user/.+)$", p))])
    error_message = "deployer_principal_arns must be IAM role, user or account-root ARNs."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
