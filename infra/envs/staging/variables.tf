variable "availability_zones" {
  description = "The two zones of the shared dev/staging VPC."
  type        = list(string)
  default     = ["us-east-1a", "us-east-1b"]
}

variable "import_schedule_enabled" {
  description = "Run the monthly TIGER import into the staging database (off: imports are started by hand)."
  type        = bool
  default     = false
}
