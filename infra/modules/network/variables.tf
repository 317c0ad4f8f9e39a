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
  description = "Environment that owns the network: production, or shared (created by staging, used by dev and staging)."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "production", "shared"], var.environment)
    error_message = "environment must be one of dev, staging, production, shared."
  }
}

variable "aws_region" {
  description = "Region, for the VPC endpoint service names."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like us-east-1."
  }
}

variable "cidr_block" {
  description = "VPC CIDR, /16 to /20; every subnet is a /24 of it."
  type        = string
  default     = "10.20.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) >= 16 && tonumber(split("/", var.cidr_block)[1]) <= 20
    error_message = "cidr_block must be an IPv4 CIDR between /16 and /20."
  }
}

variable "availability_zones" {
  description = "The two availability zones for the public and private subnets (RDS subnet groups need two)."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) == 2 && length(distinct(var.availability_zones)) == 2
    error_message = "availability_zones must name exactly two distinct zones."
  }
}

variable "interface_endpoints" {
  description = "AWS services reached from the private subnets through interface endpoints (one ENI each, ~$7.30/month). Lambda in the VPC has no NAT, so it needs secretsmanager to read its secrets."
  type        = list(string)
  default     = ["secretsmanager"]

  validation {
    condition     = alltrue([for s in var.interface_endpoints : contains(["secretsmanager", "xray", "logs", "sts"], s)])
    error_message = "interface_endpoints may contain secretsmanager, xray, logs, sts."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
