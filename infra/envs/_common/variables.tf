# Symlinked into every environment as common_variables.tf: inputs that mean the same in dev, staging and production.

variable "aws_region" {
  description = "Region of the whole system (the cost table assumes us-east-1)."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like us-east-1."
  }
}

variable "aws_account_id" {
  description = "Account to deploy to; the provider refuses any other, and ARNs are built from it (plans need no lookups)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be 12 digits."
  }
}

variable "alarm_email" {
  description = "Address that receives the alarms (confirm the subscription email). Null: subscribe later."
  type        = string
  default     = null
}

variable "frontend_origins" {
  description = "Frontend origins allowed by CORS (https://host, or http://localhost:port in dev)."
  type        = list(string)
  default     = []
}

variable "api_domain_name" {
  description = "Optional custom domain of the API; null keeps the execute-api URL."
  type        = string
  default     = null
}

variable "route53_zone_id" {
  description = "Route 53 zone of api_domain_name, to validate its certificate automatically; null: validate by hand."
  type        = string
  default     = null
}

variable "rest_api_id" {
  description = "REST API ID Zappa created (`zappa status <env>`); null before the first deploy. Setting it applies the stage throttling."
  type        = string
  default     = null
}

variable "deployer_principal_arns" {
  description = "Principals (CI roles) allowed to assume the Zappa deploy role; empty: attach deploy_policy_arn to your CI role instead."
  type        = list(string)
  default     = []
}

variable "import_image_tag" {
  description = "Tag of the TIGER import image in the environment's ECR repository (CI pushes the git SHA)."
  type        = string
}

variable "import_schedule_target" {
  description = "What the monthly schedule starts: \"task\" (one import task) or \"state_machine\" (the fan-out over state groups, then the region sync)."
  type        = string
  default     = "task"
}

variable "import_cpu_architecture" {
  description = "CPU of the import task: X86_64 (default) or ARM64 (Graviton, about 20% cheaper on Fargate); the image is built for both."
  type        = string
  default     = "X86_64"
}
