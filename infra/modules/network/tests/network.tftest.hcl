mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  environment        = "production"
  aws_region         = "us-east-1"
  availability_zones = ["us-east-1a", "us-east-1b"]
}

run "two_zones_no_nat_private_subnets_without_default_route" {
  command = apply

  assert {
    condition     = length(aws_subnet.public) == 2 && length(aws_subnet.private) == 2
    error_message = "Two public and two private subnets are expected."
  }

  assert {
    condition     = toset([for s in aws_subnet.private : s.availability_zone]) == toset(["us-east-1a", "us-east-1b"])
    error_message = "Private subnets must span both zones (RDS subnet group)."
  }

  assert {
    condition     = alltrue([for s in aws_subnet.public : !s.map_public_ip_on_launch])
    error_message = "Public subnets must not hand out public IPs by default; the import task asks for one."
  }

  assert {
    condition     = length(aws_route_table.private.route) == 0
    error_message = "Private subnets must have no default route (no NAT gateway, no internet gateway)."
  }

  assert {
    condition     = [for r in aws_route_table.public.route : r.cidr_block if r.gateway_id == aws_internet_gateway.this.id] == ["0.0.0.0/0"]
    error_message = "Public subnets route to the internet gateway."
  }

  assert {
    condition     = alltrue([for r in aws_route_table.public.route : r.nat_gateway_id == null || r.nat_gateway_id == ""])
    error_message = "No route may use a NAT gateway."
  }

  assert {
    condition     = toset(keys(aws_vpc_endpoint.gateway)) == toset(["s3", "dynamodb"]) && alltrue([for e in aws_vpc_endpoint.gateway : contains(e.route_table_ids, aws_route_table.private.id)])
    error_message = "S3 and DynamoDB gateway endpoints must serve the private route table."
  }

  assert {
    condition     = aws_vpc_endpoint.interface["secretsmanager"].private_dns_enabled && length(aws_vpc_endpoint.interface["secretsmanager"].subnet_ids) == 1
    error_message = "The Secrets Manager endpoint has private DNS, in a single subnet (billed per AZ)."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.database_from_lambda.referenced_security_group_id == aws_security_group.lambda.id && aws_vpc_security_group_ingress_rule.database_from_lambda.from_port == 5432
    error_message = "The database admits PostgreSQL from the Lambda security group only."
  }

  assert {
    condition = alltrue(concat(
      [aws_vpc_security_group_egress_rule.lambda_to_database.cidr_ipv4 == null, aws_vpc_security_group_egress_rule.lambda_to_endpoints.cidr_ipv4 == null],
      [for r in aws_vpc_security_group_egress_rule.lambda_to_gateway_endpoints : r.cidr_ipv4 == null && r.from_port == 443],
    ))
    error_message = "Lambda egress goes to named security groups and prefix lists only, never a CIDR."
  }

  assert {
    condition     = length(aws_default_security_group.this.ingress) == 0 && length(aws_default_security_group.this.egress) == 0
    error_message = "The default security group must have no rules."
  }
}

run "interface_endpoints_can_be_dropped" {
  command = plan

  variables {
    interface_endpoints = []
  }

  assert {
    condition     = length(aws_vpc_endpoint.interface) == 0
    error_message = "No interface endpoint when none is asked for."
  }
}

# Every input below is invalid on its own; each must be rejected.
run "invalid_inputs_are_rejected" {
  command = plan

  variables {
    availability_zones = ["us-east-1a"]
    cidr_block         = "10.0.0.0/24"
  }

  expect_failures = [var.availability_zones, var.cidr_block]
}
