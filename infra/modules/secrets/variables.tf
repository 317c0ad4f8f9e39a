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
  description = "Environment the secrets belong to."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be one of dev, staging, production."
  }
}

variable "secrets" {
  description = "Secret containers to create, by short name => description. Values are put by the operator, never by Terraform."
  type        = map(string)
  default = {
    "database-url"        = "DATABASE_URL of the Django app user (postgres://USER:PASSWORD@HOST:5432/DB?sslmode=verify-full)"
    "django-secret-key"   = "Django SECRET_KEY"
    "import-database-url" = "DATABASE_URL of the TIGER import user, set up as docs/database-role.md gives (postgres://...?sslmode=verify-full)"
  }

  validation {
    condition     = alltrue([for k in keys(var.secrets) : can(regex("^[a-z][a-z0-9-]{1,40}$", k))])
    error_message = "Secret short names must be lowercase kebab-case."
  }
}

variable "readers" {
  description = "Roles that may read each secret (GetSecretValue), by short name; the secret's resource policy denies every other principal. A secret with none is readable by nobody."
  type        = map(list(string))
  default     = {}
  nullable    = false

  validation {
    condition     = alltrue(flatten([for name, arns in var.readers : [for arn in arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", arn))]]))
    error_message = "readers must hold IAM role ARNs."
  }
}

variable "recovery_window_days" {
  description = "Days a deleted secret can still be restored."
  type        = number
  default     = 7

  validation {
    condition     = var.recovery_window_days >= 7 && var.recovery_window_days <= 30
    error_message = "recovery_window_days must be between 7 and 30."
  }
}

variable "tags" {
  description = "Tags for every secret."
  type        = map(string)
  default     = {}
}
