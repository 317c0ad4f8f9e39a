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
  description = "Environment that owns the instance: production, or shared (created by staging, one database per environment on it for dev and staging)."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "production", "shared"], var.environment)
    error_message = "environment must be one of dev, staging, production, shared."
  }
}

variable "subnet_ids" {
  description = "Private subnets in two zones for the DB subnet group."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "RDS needs subnets in at least two zones."
  }
}

variable "security_group_ids" {
  description = "Security groups of the instance (the network module's database group)."
  type        = list(string)

  validation {
    condition     = length(var.security_group_ids) >= 1
    error_message = "At least one security group is required."
  }
}

variable "instance_class" {
  description = "Burstable instance class: db.t3.micro (shared dev/staging) to db.t3.small (production)."
  type        = string
  default     = "db.t3.micro"

  validation {
    condition     = can(regex("^db\\.t(3|4g)\\.(micro|small|medium)$", var.instance_class))
    error_message = "instance_class must be a db.t3 or db.t4g micro, small or medium class (the cost plan)."
  }
}

variable "engine_version" {
  description = "PostgreSQL version: a major (16, minor upgrades automatic) or a major.minor pin."
  type        = string
  default     = "16"

  validation {
    condition     = can(regex("^16(\\.[0-9]+)?$", var.engine_version))
    error_message = "engine_version must be PostgreSQL 16 (the parameter group family is postgres16)."
  }
}

variable "allocated_storage" {
  description = "Initial gp3 storage in GB."
  type        = number
  default     = 20

  validation {
    condition     = var.allocated_storage >= 20 && var.allocated_storage <= 1000
    error_message = "allocated_storage must be between 20 (the gp3 minimum) and 1000 GB."
  }
}

variable "max_allocated_storage" {
  description = "Ceiling for storage autoscaling in GB (a TIGER load of every layer is several GB)."
  type        = number
  default     = 100

  validation {
    condition     = var.max_allocated_storage > var.allocated_storage && var.max_allocated_storage <= 1000
    error_message = "max_allocated_storage must exceed allocated_storage (that enables autoscaling) and be at most 1000 GB."
  }
}

variable "backup_retention_days" {
  description = "Days of automated backups, which is also the point-in-time recovery window."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 7 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 7 (the design's minimum) and 35."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the instance (on in production)."
  type        = bool
  default     = true
}

variable "db_name" {
  description = "Initial database. On the shared instance the operator creates one database per environment (see infra/README.md)."
  type        = string
  default     = "coalition"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.db_name))
    error_message = "db_name must be a lowercase PostgreSQL identifier."
  }
}

variable "master_username" {
  description = "Master user; its password is generated and kept by RDS in Secrets Manager."
  type        = string
  default     = "coalition_admin"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,15}$", var.master_username)) && !contains(["postgres", "admin", "rdsadmin"], var.master_username)
    error_message = "master_username must be a lowercase identifier of at most 16 characters, not a reserved name."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
