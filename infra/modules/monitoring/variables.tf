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
  description = "Environment being watched."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be one of dev, staging, production."
  }
}

variable "lambda_function_name" {
  description = "The Zappa function (its log group is created here, so its retention is ours)."
  type        = string
}

variable "api_name" {
  description = "The Zappa REST API name (ApiName dimension)."
  type        = string
}

variable "dynamodb_table_name" {
  description = "Rate-limit table to watch for throttles; null where another environment owns (and watches) the table."
  type        = string
  default     = null
}

variable "ecs_cluster_name" {
  description = "Import cluster whose failed tasks raise an alert; null for none."
  type        = string
  default     = null
}

variable "alarm_email" {
  description = "Address subscribed to the alarm topic (confirms by email); null to subscribe later."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_email == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be an email address."
  }
}

variable "log_retention_days" {
  description = "Retention of the Lambda log group."
  type        = number
  default     = 7

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch retention value up to 90 days."
  }
}

variable "lambda_errors_threshold" {
  description = "Lambda errors in 5 minutes above which the alarm fires (design: 10)."
  type        = number
  default     = 10
}

variable "api_4xx_threshold" {
  description = "API Gateway 4xx responses in 5 minutes above which the alarm fires (rate limiting answers 429)."
  type        = number
  default     = 100
}

variable "api_5xx_threshold" {
  description = "API Gateway 5xx responses in 5 minutes above which the alarm fires."
  type        = number
  default     = 5
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
