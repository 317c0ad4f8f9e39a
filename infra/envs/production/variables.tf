variable "availability_zones" {
  description = "The two zones of the production VPC."
  type        = list(string)
  default     = ["us-east-1a", "us-east-1b"]
}

variable "import_schedule_enabled" {
  description = "Run the monthly TIGER import (on in production)."
  type        = bool
  default     = true
}
