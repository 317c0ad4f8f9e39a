variable "import_log_group_name" {
  description = "The import worker's log group, for the dashboard's last-runs table (Logs Insights); null leaves the table out."
  type        = string
  default     = null
}

variable "import_reject_spike_threshold" {
  description = "Rejected features in one import run above which the reject-spike alarm fires (a normal full run rejects a handful)."
  type        = number
  default     = 500

  validation {
    condition     = var.import_reject_spike_threshold >= 0
    error_message = "import_reject_spike_threshold must be zero or more."
  }
}
