variable "aws_region" {
  description = "Region to deploy to."
  type        = string
  default     = "us-east-1"
}

variable "aws_account_id" {
  description = "Account to deploy to (bucket names, ARNs; the provider refuses any other)."
  type        = string
}

variable "availability_zones" {
  description = "Two zones in aws_region."
  type        = list(string)
  default     = ["us-east-1a", "us-east-1b"]
}

variable "image_tag" {
  description = "Tag of the worker image pushed to the import repository."
  type        = string
}
