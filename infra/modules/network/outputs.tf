output "vpc_id" {
  description = "VPC ID."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "VPC CIDR."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "Public subnet IDs, one per zone (import tasks, with a public IP per run)."
  value       = tolist([for az in var.availability_zones : aws_subnet.public[az].id])
}

output "private_subnet_ids" {
  description = "Private subnet IDs, one per zone (RDS and the Lambda)."
  value       = tolist([for az in var.availability_zones : aws_subnet.private[az].id])
}

output "lambda_security_group_id" {
  description = "Security group for the Django Lambda (Zappa vpc_config)."
  value       = aws_security_group.lambda.id
}

output "database_security_group_id" {
  description = "Security group for RDS; import modules add their ingress rule to it."
  value       = aws_security_group.database.id
}

output "private_route_table_id" {
  description = "Route table of the private subnets (no default route)."
  value       = aws_route_table.private.id
}

output "gateway_endpoint_ids" {
  description = "Gateway endpoint IDs by service (s3, dynamodb)."
  value       = { for k, e in aws_vpc_endpoint.gateway : k => e.id }
}

output "interface_endpoint_ids" {
  description = "Interface endpoint IDs by service."
  value       = { for k, e in aws_vpc_endpoint.interface : k => e.id }
}
