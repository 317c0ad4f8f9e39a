variable "name" {
  description = "Repository name."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]+([._/-][a-z0-9]+)*$", var.name)) && length(var.name) <= 256
    error_message = "name must be a valid ECR repository name (lowercase, digits, . _ / -)."
  }
}

variable "max_image_count" {
  description = "Images kept; older ones are expired by the lifecycle policy (bounds the $0.10/GB-month storage)."
  type        = number
  default     = 10

  validation {
    condition     = var.max_image_count >= 1 && var.max_image_count <= 1000 && floor(var.max_image_count) == var.max_image_count
    error_message = "max_image_count must be a whole number between 1 and 1000."
  }
}

variable "lambda_pull_source_arn" {
  description = "When set, the repository policy lets the Lambda service pull images for functions matching this ARN pattern (container-image Lambdas). Null: no repository policy."
  type        = string
  default     = null

  validation {
    condition     = var.lambda_pull_source_arn == null || can(regex("^arn:aws[a-z-]*:lambda:", var.lambda_pull_source_arn))
    error_message = "lambda_pull_source_arn must be a Lambda function ARN (pattern)."
  }
}

variable "tags" {
  description = "Tags for the repository."
  type        = map(string)
  default     = {}
}
