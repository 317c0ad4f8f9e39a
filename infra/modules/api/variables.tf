variable "project" {
  description = "Name prefix; also Zappa's project_name, so the API is named <project>-<environment>."
  type        = string
  default     = "coalition-builder"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.project))
    error_message = "project must be 3-32 lowercase letters, digits and hyphens."
  }
}

variable "environment" {
  description = "Environment, which is also the Zappa stage and the API Gateway stage name."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be one of dev, staging, production."
  }
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second allowed on the stage (every method)."
  type        = number

  validation {
    condition     = var.throttling_rate_limit >= 1 && var.throttling_rate_limit <= 10000
    error_message = "throttling_rate_limit must be between 1 and 10000 (the account default ceiling)."
  }
}

variable "throttling_burst_limit" {
  description = "Burst of requests allowed above the rate (token bucket size)."
  type        = number

  validation {
    condition     = var.throttling_burst_limit >= var.throttling_rate_limit && var.throttling_burst_limit <= 5000 && floor(var.throttling_burst_limit) == var.throttling_burst_limit
    error_message = "throttling_burst_limit must be a whole number, at least the rate limit and at most 5000."
  }
}

variable "cors_allowed_origins" {
  description = "Frontend origins allowed to call the API from a browser (Django's CORS_ALLOWED_ORIGINS)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for o in var.cors_allowed_origins : can(regex("^(https://[a-z0-9.-]+|http://localhost(:[0-9]+)?)$", o))])
    error_message = "Origins must be https://host (no path), or http://localhost[:port] for development."
  }
}

variable "domain_name" {
  description = "Optional custom domain for the API (e.g. api.example.org). Null: the execute-api URL is used."
  type        = string
  default     = null

  validation {
    condition     = var.domain_name == null || can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", var.domain_name))
    error_message = "domain_name must be a lowercase host name."
  }
}

variable "route53_zone_id" {
  description = "Route 53 zone that holds domain_name; when set, the certificate is validated through it. Null: add the validation record output by hand."
  type        = string
  default     = null

  validation {
    condition     = var.route53_zone_id == null || can(regex("^Z[A-Z0-9]{1,31}$", var.route53_zone_id))
    error_message = "route53_zone_id must be a hosted zone ID (Z...)."
  }
}

variable "rest_api_id" {
  description = "ID of the REST API that Zappa created (`zappa status <stage>`). Null until the first `zappa deploy`; stage throttling is applied once it is set."
  type        = string
  default     = null

  validation {
    condition     = var.rest_api_id == null || can(regex("^[a-z0-9]{10}$", var.rest_api_id))
    error_message = "rest_api_id must be a 10-character API Gateway ID."
  }
}

variable "tags" {
  description = "Tags for the certificate."
  type        = map(string)
  default     = {}
}
