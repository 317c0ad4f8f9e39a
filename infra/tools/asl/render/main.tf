# Renders the fan-out's definition for every combination of options, with literal inputs (no provider, no resource):
# `terraform apply` writes only outputs to a throwaway state; validate.sh checks each with asl-validator.
terraform {
  required_version = ">= 1.9"
}

locals {
  combinations = {
    for pair in setproduct([true, false], [true, false]) :
    "${pair[0] ? "topic" : "no-topic"}_${pair[1] ? "sync" : "no-sync"}" => { topic = pair[0], sync = pair[1] }
  }
}

module "definition" {
  source   = "../../../modules/geodata-import/definition"
  for_each = local.combinations

  environment               = "production"
  tiger_year                = 2024
  cluster_arn               = "arn:aws:ecs:us-east-1:123456789012:cluster/coalition-builder-production-geodata-import"
  task_definition_arn       = "arn:aws:ecs:us-east-1:123456789012:task-definition/coalition-builder-production-geodata-import:1"
  container_name            = "tigerimport"
  subnet_ids                = ["subnet-0000000000000000a", "subnet-0000000000000000b"]
  security_group_ids        = ["sg-0000000000000000a"]
  national_layers           = "STATE,COUNTY,CD,ZCTA520"
  state_layers              = "SLDU,SLDL,PLACE"
  state_groups              = ["01", "25,44,50"]
  max_concurrency           = 4
  sync_regions              = each.value.sync
  task_timeout_seconds      = 14400
  sync_timeout_seconds      = 3600
  retry_wait_seconds        = [120, 600]
  execution_timeout_seconds = 86400
  report_topic_arn          = each.value.topic ? "arn:aws:sns:us-east-1:123456789012:coalition-builder-production-alarms" : null
}

output "definitions" {
  description = "The definition (JSON) by combination: topic/no-topic and sync/no-sync."
  value       = { for name, d in module.definition : name => d.json }
}
