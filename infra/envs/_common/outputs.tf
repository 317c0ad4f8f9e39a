# Symlinked into every environment as common_outputs.tf: what an operator needs after `terraform apply`.

output "zappa_settings" {
  description = "This stage's zappa_settings.json entry (`terraform output -json zappa_settings`)."
  value       = module.zappa.zappa_settings
}

output "lambda_image_repository_url" {
  description = "ECR repository of the Django image (`zappa deploy <env> -d <url>:<tag>`)."
  value       = module.zappa.image_repository_url
}

output "zappa_deploy_policy_arn" {
  description = "Policy to attach to the CI role that runs Zappa."
  value       = module.zappa.deploy_policy_arn
}

output "import_image_repository_url" {
  description = "ECR repository of the TIGER import image."
  value       = module.geodata_import.image_repository_url
}

output "import_run_task" {
  description = "Starts a TIGER import (or another verb) by hand: `scripts/ecs-run.sh --chdir infra/envs/<env> VERB [ARG...]` reads it."
  value       = module.geodata_import.run_task
}

output "secret_names" {
  description = "Secrets whose values the operator puts (`aws secretsmanager put-secret-value`)."
  value       = module.secrets.names
}

output "certificate_validation_record" {
  description = "DNS record to create when the API domain's zone is not in Route 53."
  value       = module.api.certificate_validation_record
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.monitoring.sns_topic_arn
}

output "import_state_machine_arn" {
  description = "The fan-out of a full vintage: `aws stepfunctions start-execution --state-machine-arn <this>`."
  value       = module.geodata_import.state_machine_arn
}
