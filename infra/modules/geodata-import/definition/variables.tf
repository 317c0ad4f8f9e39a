# Validated by the parent module (geodata-import), whose variables carry the same meaning.

variable "environment" {
  description = "Environment, for the comment and the report messages."
  type        = string
}

variable "tiger_year" {
  description = "TIGER/Line vintage, for the comment."
  type        = number
}

variable "cluster_arn" {
  description = "ECS cluster the tasks run in."
  type        = string
}

variable "task_definition_arn" {
  description = "Task definition (with revision) every child runs."
  type        = string
}

variable "container_name" {
  description = "Name of the worker container, for the overrides."
  type        = string
}

variable "subnet_ids" {
  description = "Public subnets of the tasks."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the tasks."
  type        = list(string)
}

variable "national_layers" {
  description = "TIGER_LAYERS of the national child."
  type        = string
}

variable "state_layers" {
  description = "TIGER_LAYERS of each state-group child."
  type        = string
}

variable "state_groups" {
  description = "TIGER_STATES of each state-group child, one entry per child."
  type        = list(string)
}

variable "max_concurrency" {
  description = "State-group children at once."
  type        = number
}

variable "sync_regions" {
  description = "End with a sync-regions task."
  type        = bool
}

variable "task_timeout_seconds" {
  description = "Timeout of each import task state, per attempt."
  type        = number
}

variable "sync_timeout_seconds" {
  description = "Timeout of the sync-regions task state, per attempt."
  type        = number
}

variable "retry_wait_seconds" {
  description = "Pauses before each rerun of a child with a retryable failure."
  type        = list(number)
}

variable "execution_timeout_seconds" {
  description = "Timeout of the whole execution."
  type        = number
}

variable "report_topic_arn" {
  description = "SNS topic of the report, or null for none."
  type        = string
  default     = null
}
