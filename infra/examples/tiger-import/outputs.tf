output "database_address" {
  description = "Host for the import DATABASE_URL."
  value       = module.database.address
}

output "import_secret_name" {
  description = "Put the import DATABASE_URL here before the first run."
  value       = module.secrets.names["import-database-url"]
}

output "image_repository_url" {
  description = "Push the worker image here."
  value       = module.geodata_import.image_repository_url
}

output "import_run_task" {
  description = "Starts an import by hand: `scripts/ecs-run.sh --chdir infra/examples/tiger-import VERB [ARG...]` reads it."
  value       = module.geodata_import.run_task
}
