variable "name" {
  description = "Bucket name (globally unique: callers include the account ID)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.name))
    error_message = "name must be a valid S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens."
  }
}

variable "versioning_enabled" {
  description = "Keep object versions, so an overwrite or delete can be undone."
  type        = bool
  default     = true
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which noncurrent object versions are deleted (bounds the cost of versioning)."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && var.noncurrent_version_expiration_days <= 365
    error_message = "noncurrent_version_expiration_days must be between 1 and 365."
  }
}

variable "policy_statements" {
  description = "Extra Allow statements for the bucket policy (e.g. CloudFront OAC reads). The module always adds a statement that denies non-TLS requests."
  type = list(object({
    sid        = string
    principals = map(list(string))
    actions    = list(string)
    resources  = list(string)
    conditions = optional(map(map(list(string))), {})
  }))
  default = []

  validation {
    condition     = alltrue([for s in var.policy_statements : !contains(s.actions, "*") && !contains(s.actions, "s3:*")])
    error_message = "policy_statements must name their actions; \"*\" and \"s3:*\" are not allowed."
  }
}

variable "tags" {
  description = "Tags for the bucket."
  type        = map(string)
  default     = {}
}
