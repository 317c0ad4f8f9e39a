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
  description = "Environment that owns the table: production, or shared (dev and staging, told apart by key prefix)."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "production", "shared"], var.environment)
    error_message = "environment must be one of dev, staging, production, shared."
  }
}

variable "ttl_attribute" {
  description = "Attribute holding each counter's expiry (epoch seconds); DynamoDB deletes expired items for free."
  type        = string
  default     = "expires_at"

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_]{0,254}$", var.ttl_attribute))
    error_message = "ttl_attribute must be a plain attribute name."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the table."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for the table."
  type        = map(string)
  default     = {}
}
