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
  description = "Environment whose database the task loads."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be one of dev, staging, production."
  }
}

variable "aws_region" {
  description = "Region, for the awslogs driver and ARNs."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like us-east-1."
  }
}

variable "aws_account_id" {
  description = "Account ID, for the cache bucket name and the roles' confused-deputy conditions."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be 12 digits."
  }
}

variable "vpc_id" {
  description = "VPC of the database."
  type        = string
}

variable "subnet_ids" {
  description = "Public subnets for the task: it gets a public IP per run to reach Census, ECR and AWS APIs without a NAT."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 1
    error_message = "At least one public subnet is required."
  }
}

variable "database_security_group_id" {
  description = "Security group of RDS; the module adds an ingress rule for the task to it."
  type        = string
}

variable "database_url_secret_arn" {
  description = "Secret holding the importer's DATABASE_URL (read by the ECS agent at task start, never by the container's role)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:", var.database_url_secret_arn))
    error_message = "database_url_secret_arn must be a Secrets Manager ARN."
  }
}

variable "image_tag" {
  description = "Tag of the worker image in this module's ECR repository (tags are immutable: CI pushes the git SHA)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag must be a valid Docker tag."
  }
}

variable "cpu_architecture" {
  description = "The task's CPU (runtimePlatform.cpuArchitecture): X86_64, or ARM64 (Graviton, about 20% cheaper on Fargate). The image is multi-arch (linux/amd64 and linux/arm64), so either runs the same tag."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64 (the two architectures the image is built for)."
  }
}

variable "tiger_year" {
  description = "TIGER/Line vintage the scheduled run loads (TIGER_YEAR)."
  type        = number
  default     = 2024

  validation {
    condition     = var.tiger_year >= 2008 && var.tiger_year <= 2100 && floor(var.tiger_year) == var.tiger_year
    error_message = "tiger_year must be a year from 2008 on."
  }
}

variable "tiger_layers" {
  description = "Comma-separated TIGER layers the scheduled run loads (TIGER_LAYERS)."
  type        = string
  default     = "STATE,COUNTY,PLACE,CD,SLDU,SLDL"

  validation {
    condition     = can(regex("^[A-Z0-9]+(,[A-Z0-9]+)*$", var.tiger_layers))
    error_message = "tiger_layers must be upper-case layer names separated by commas (it is rendered into JSON)."
  }
}

variable "tiger_cache_prefix" {
  description = "Key prefix of the download cache in the bucket; the task may touch nothing else."
  type        = string
  default     = "tiger/"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9/_-]*/$", var.tiger_cache_prefix))
    error_message = "tiger_cache_prefix must be a relative key prefix ending in /."
  }
}

variable "schedule_enabled" {
  description = "Run the import on schedule_expression (the schedule exists either way, to run by hand)."
  type        = bool
  default     = false
  nullable    = false
}

variable "schedule_expression" {
  description = "EventBridge Scheduler expression, UTC. Default: monthly, on the 3rd at 09:00 (after the nightly backup window)."
  type        = string
  default     = "cron(0 9 3 * ? *)"

  validation {
    condition     = can(regex("^(cron|rate)\\(.+\\)$", var.schedule_expression))
    error_message = "schedule_expression must be cron(...) or rate(...)."
  }
}

variable "schedule_target" {
  description = "What the schedule starts: \"task\" (one task, TIGER_LAYERS of the task definition, every state) or \"state_machine\" (the fan-out: national layers, then one task per state group, then the region sync)."
  type        = string
  default     = "task"
  nullable    = false

  validation {
    condition     = contains(["task", "state_machine"], var.schedule_target)
    error_message = "schedule_target must be \"task\" or \"state_machine\"."
  }
}

variable "fanout_national_layers" {
  description = "Layers of national files the fan-out loads in its one national task (TIGER_LAYERS)."
  type        = string
  default     = "STATE,COUNTY,CD,ZCTA520"

  validation {
    condition     = can(regex("^[A-Z0-9]+(,[A-Z0-9]+)*$", var.fanout_national_layers))
    error_message = "fanout_national_layers must be upper-case layer names separated by commas."
  }
}

variable "fanout_state_layers" {
  description = "State- and county-based layers each fan-out child loads for its states (TIGER_LAYERS). A full vintage adds TRACT,BG,COUSUB,EDGES,ADDRFEAT,FACES,ROADS,AREAWATER,LINEARWATER: size the database first (docs/capacity.md)."
  type        = string
  default     = "SLDU,SLDL,PLACE"

  validation {
    condition     = can(regex("^[A-Z0-9]+(,[A-Z0-9]+)*$", var.fanout_state_layers))
    error_message = "fanout_state_layers must be upper-case layer names separated by commas."
  }
}

variable "fanout_state_groups" {
  description = "One fan-out child per entry: the states it loads (TIGER_STATES, FIPS or USPS, comma-separated). Default: every state, DC, Puerto Rico and the island areas, one child each."
  type        = list(string)
  default = [
    "01", "02", "04", "05", "06", "08", "09", "10", "11", "12", "13", "15", "16", "17", "18", "19", "20", "21", "22",
    "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41",
    "42", "44", "45", "46", "47", "48", "49", "50", "51", "53", "54", "55", "56", "60", "66", "69", "72", "78",
  ]

  validation {
    condition     = length(var.fanout_state_groups) >= 1 && alltrue([for g in var.fanout_state_groups : can(regex("^[0-9A-Z]{2}(,[0-9A-Z]{2})*$", g))])
    error_message = "fanout_state_groups must hold at least one group of 2-character state codes separated by commas."
  }
}

variable "fanout_max_concurrency" {
  description = "Fan-out children running at once (plus the national task). Each holds up to 6 database connections (2 × --jobs + 2, with --jobs 2 building two partitions at once): mind the instance's max_connections and IOPS (docs/capacity.md)."
  type        = number
  default     = 4

  validation {
    condition     = var.fanout_max_concurrency >= 1 && var.fanout_max_concurrency <= 40 && floor(var.fanout_max_concurrency) == var.fanout_max_concurrency
    error_message = "fanout_max_concurrency must be a whole number from 1 to 40."
  }
}

variable "sync_regions" {
  description = "End every scheduled run with the app's region table in step with what it published: the single task runs `import --sync-regions` (TIGER_SYNC_REGIONS=true), the fan-out a final sync-regions task. false: neither syncs (run `sync-regions` by hand)."
  type        = bool
  default     = true
  nullable    = false
}

variable "fanout_task_timeout_seconds" {
  description = "Timeout of each fan-out import task state (national, each state group), per attempt; a timed-out child is recorded as failed, not retried."
  type        = number
  default     = 14400

  validation {
    condition     = var.fanout_task_timeout_seconds >= 600 && var.fanout_task_timeout_seconds <= 86400
    error_message = "fanout_task_timeout_seconds must be between 600 (10 minutes) and 86400 (a day)."
  }
}

variable "fanout_sync_timeout_seconds" {
  description = "Timeout of the fan-out's sync-regions task state, per attempt."
  type        = number
  default     = 3600

  validation {
    condition     = var.fanout_sync_timeout_seconds >= 300 && var.fanout_sync_timeout_seconds <= 86400
    error_message = "fanout_sync_timeout_seconds must be between 300 and 86400."
  }
}

variable "fanout_retry_wait_seconds" {
  description = "Pauses before each rerun of a child that stopped with a retryable exit code (3 source, 5 database) or failed to start; its length is the number of reruns."
  type        = list(number)
  default     = [120, 600]

  validation {
    condition     = length(var.fanout_retry_wait_seconds) <= 5 && alltrue([for s in var.fanout_retry_wait_seconds : s >= 1 && s <= 3600 && floor(s) == s])
    error_message = "fanout_retry_wait_seconds holds at most 5 whole numbers of seconds, each 1 to 3600."
  }
}

variable "fanout_execution_timeout_seconds" {
  description = "Timeout of a whole fan-out execution (a timed-out execution raises the failed-executions alarm)."
  type        = number
  default     = 86400

  validation {
    condition     = var.fanout_execution_timeout_seconds >= 3600 && var.fanout_execution_timeout_seconds <= 604800
    error_message = "fanout_execution_timeout_seconds must be between 3600 and 604800 (a week)."
  }
}

variable "report_topic_arn" {
  description = "SNS topic the fan-out reports its outcome to (the monitoring module's alarm topic), or null."
  type        = string
  default     = null

  validation {
    condition     = var.report_topic_arn == null || can(regex("^arn:aws[a-z-]*:sns:", var.report_topic_arn))
    error_message = "report_topic_arn must be an SNS topic ARN."
  }
}

variable "log_retention_days" {
  description = "Retention of the task's log group."
  type        = number
  default     = 7

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch retention value up to 90 days."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
