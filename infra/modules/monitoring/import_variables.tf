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

variable "import_state_machine_arn" {
  description = "The import's fan-out state machine: an execution that fails, times out or is aborted raises an alarm. Used when ecs_cluster_name is set."
  type        = string
  default     = null
}

variable "import_schedule_dlq_name" {
  description = "Dead-letter queue of the import schedule: a message there (the schedule could not start its target) raises an alarm. Used when ecs_cluster_name is set."
  type        = string
  default     = null
}
