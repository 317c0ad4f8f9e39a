variable "shared" {
  description = <<-EOT
    What dev uses from staging (staging's `shared_for_dev` output): the VPC, subnets and security groups of the
    shared network, and the shared rate-limit table. The table name is its real, deterministic value; the IDs are
    placeholders so that dev validates and plans offline. Before applying, write the real values:
      terraform -chdir=../staging output -json shared_for_dev | jq '{shared: .}' > shared.auto.tfvars.json
  EOT
  type = object({
    vpc_id                     = string
    private_subnet_ids         = list(string)
    public_subnet_ids          = list(string)
    lambda_security_group_id   = string
    database_security_group_id = string
    rate_limit_table_name      = string
  })
  default = {
    vpc_id                     = "vpc-00000000000000000"
    private_subnet_ids         = ["subnet-00000000000000010", "subnet-00000000000000011"]
    public_subnet_ids          = ["subnet-00000000000000000", "subnet-00000000000000001"]
    lambda_security_group_id   = "sg-00000000000000001"
    database_security_group_id = "sg-00000000000000002"
    rate_limit_table_name      = "coalition-builder-shared-rate-limit"
  }
}

variable "import_schedule_enabled" {
  description = "Run the monthly TIGER import into the dev database (off: imports are started by hand)."
  type        = bool
  default     = false
}
