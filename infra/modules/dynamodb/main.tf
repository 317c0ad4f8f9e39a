# Encrypted at rest with the AWS-owned key (the default: no KMS charges).
# Keys: pk = "<environment>:<client key>" (the prefix lets dev and staging share the table), sk = the window start.
resource "aws_dynamodb_table" "this" {
  name                        = "${var.project}-${var.environment}-rate-limit"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = var.deletion_protection
  tags                        = var.tags

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  ttl {
    attribute_name = var.ttl_attribute
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }
}
