output "json" {
  description = "The Amazon States Language definition, as JSON."
  value       = jsonencode(local.state_machine_definition)
}
