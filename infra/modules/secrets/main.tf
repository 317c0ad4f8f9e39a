# Containers only: no aws_secretsmanager_secret_version, so no secret value ever reaches Terraform state.
# Rotation is manual by design (no rotation Lambda to run and pay for).
resource "aws_secretsmanager_secret" "this" {
  for_each = var.secrets

  name                    = "${var.project}-${var.environment}/${each.key}"
  description             = each.value
  recovery_window_in_days = var.recovery_window_days
  tags                    = var.tags
}

# Who may read each secret, said on the secret itself: an identity policy anywhere in the account that grants
# secretsmanager:GetSecretValue on "*" (another environment's role, a broad admin or CI policy) still cannot read it.
# Only reads are denied: the operator still puts values (PutSecretValue), Terraform still manages the policy.
resource "aws_secretsmanager_secret_policy" "this" {
  for_each = var.secrets

  secret_arn          = aws_secretsmanager_secret.this[each.key].arn
  block_public_policy = true
  # Through JSON: the two statements differ in shape (a Condition or none), and a conditional needs one type.
  policy = length(lookup(var.readers, each.key, [])) == 0 ? jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "NoReaders"
      Effect    = "Deny"
      Principal = "*"
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
    }) : jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OnlyNamedReaders"
      Effect    = "Deny"
      Principal = "*"
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
      Condition = { StringNotEquals = { "aws:PrincipalArn" = sort(var.readers[each.key]) } }
    }]
  })
}
