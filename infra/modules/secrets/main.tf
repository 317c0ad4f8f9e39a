# Containers only: no aws_secretsmanager_secret_version, so no secret value ever reaches Terraform state.
# Rotation is manual by design (no rotation Lambda to run and pay for).
resource "aws_secretsmanager_secret" "this" {
  for_each = var.secrets

  name                    = "${var.project}-${var.environment}/${each.key}"
  description             = each.value
  recovery_window_in_days = var.recovery_window_days
  tags                    = var.tags
}
