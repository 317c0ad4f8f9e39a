mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  environment          = "production"
  aws_region           = "us-east-1"
  aws_account_id       = "123456789012"
  memory_size          = 1024
  reserved_concurrency = 25
  rate_limit_table = {
    name = "coalition-builder-production-rate-limit"
    arn  = "arn:aws:dynamodb:us-east-1:123456789012:table/coalition-builder-production-rate-limit"
  }

  # Actions that have no resource-level permissions, so "Resource": "*" is the only way to grant them.
  resource_star_actions = [
    "ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
    "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs",
    "ec2:UnassignPrivateIpAddresses", "ecr:GetAuthorizationToken", "xray:PutTelemetryRecords", "xray:PutTraceSegments",
  ]

  # Every statement of the deploy policy that names API Gateway, EventBridge or CloudFront, for the scoping checks.
  mutating_events_actions = ["events:DeleteRule", "events:PutRule", "events:PutTargets", "events:RemoveTargets"]
}

run "production_stage" {
  command = apply

  variables {
    keep_warm_interval_minutes = 4
    xray_tracing               = true
    vpc_subnet_ids             = ["subnet-0000000000000000a", "subnet-0000000000000000b"]
    vpc_security_group_ids     = ["sg-0000000000000000a"]
    secret_arns = {
      DATABASE_URL_SECRET_ARN      = "arn:aws:secretsmanager:us-east-1:123456789012:secret:coalition-builder-production/database-url-AbCdEf"
      DJANGO_SECRET_KEY_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:coalition-builder-production/django-secret-key-AbCdEf"
    }
    asset_bucket_arns     = ["arn:aws:s3:::static-bucket", "arn:aws:s3:::media-bucket"]
    environment_variables = { CLOUDFRONT_DOMAIN = "d111111abcdef8.cloudfront.net" }
  }

  assert {
    condition = (
      output.zappa_settings.production.memory_size == 1024 &&
      output.zappa_settings.production.timeout_seconds == 30 &&
      output.zappa_settings.production.keep_warm &&
      output.zappa_settings.production.keep_warm_expression == "rate(4 minutes)" &&
      output.zappa_settings.production.xray_tracing
    )
    error_message = "Production: 1024 MB, 30 s, keep-warm every 4 minutes, X-Ray on."
  }

  assert {
    condition = (
      output.zappa_settings.production.role_arn == aws_iam_role.lambda.arn &&
      !output.zappa_settings.production.manage_roles &&
      output.zappa_settings.production.s3_bucket == "coalition-builder-production-zappa-123456789012"
    )
    error_message = "Zappa must use the role and bucket Terraform made, and not manage roles itself."
  }

  assert {
    condition     = jsonencode(output.zappa_settings.production.vpc_config) == jsonencode({ SubnetIds = ["subnet-0000000000000000a", "subnet-0000000000000000b"], SecurityGroupIds = ["sg-0000000000000000a"] })
    error_message = "vpc_config must carry the private subnets and the Lambda security group."
  }

  assert {
    condition = output.zappa_settings.production.aws_environment_variables == {
      CLOUDFRONT_DOMAIN            = "d111111abcdef8.cloudfront.net"
      DATABASE_URL_SECRET_ARN      = "arn:aws:secretsmanager:us-east-1:123456789012:secret:coalition-builder-production/database-url-AbCdEf"
      DJANGO_SECRET_KEY_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:coalition-builder-production/django-secret-key-AbCdEf"
      ENVIRONMENT                  = "production"
      RATE_LIMIT_TABLE             = "coalition-builder-production-rate-limit"
      RATE_LIMIT_KEY_PREFIX        = "production:"
    }
    error_message = "Django gets the secret ARNs (never values), the table, its key prefix and the extra settings."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.lambda.policy).Statement : s.Sid] == ["Logs", "RateLimitTable", "ReadSecrets", "ListAssetBuckets", "ReadWriteAssets", "VpcNetworkInterfaces", "XRay"]
    error_message = "The Lambda policy holds exactly the expected statements."
  }

  assert {
    condition = one([for s in jsondecode(aws_iam_role_policy.lambda.policy).Statement : s if s.Sid == "RateLimitTable"]) == {
      Sid       = "RateLimitTable"
      Effect    = "Allow"
      Action    = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]
      Resource  = "arn:aws:dynamodb:us-east-1:123456789012:table/coalition-builder-production-rate-limit"
      Condition = { "ForAllValues:StringLike" = { "dynamodb:LeadingKeys" = ["production:*"] } }
    }
    error_message = "DynamoDB access is Query/PutItem/GetItem on the rate-limit table only, on keys under the stage's prefix."
  }

  assert {
    condition     = output.zappa_settings.production.lambda_concurrency == 25
    error_message = "Zappa reserves the function's concurrency from the first deploy (before API throttling exists)."
  }

  assert {
    condition = one([for s in jsondecode(aws_iam_policy.deploy.policy).Statement : s if s.Sid == "OwnApi"]) == {
      Sid       = "OwnApi"
      Effect    = "Allow"
      Action    = ["apigateway:DELETE", "apigateway:GET", "apigateway:PATCH", "apigateway:POST", "apigateway:PUT"]
      Resource  = ["arn:aws:apigateway:us-east-1::/restapis/*", "arn:aws:apigateway:us-east-1::/tags/*"]
      Condition = { StringEquals = { "aws:ResourceTag/ZappaProject" = "coalition-builder-production" } }
    }
    error_message = "Before the API ID is known, the deployer may change only APIs tagged as this stage's by Zappa."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_policy.deploy.policy).Statement : s.Sid == "ListApis" || s.Sid == "CreateApi" || can(s.Condition) || alltrue([
        for r in flatten([s.Resource]) : !endswith(r, "/restapis/*") && !endswith(r, "/domainnames/*") && !endswith(r, "::/domainnames") && !endswith(r, "/tags/*")
      ])
    ])
    error_message = "No deploy statement may reach every API or domain name of the region (another environment's) unconditionally."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_policy.deploy.policy).Statement : length(setintersection(flatten([s.Action]), var.mutating_events_actions)) == 0 || s.Resource == "arn:aws:events:us-east-1:123456789012:rule/coalition-builder-production-zappa-keep-warm"
    ])
    error_message = "The deployer may change this stage's keep-warm rule only."
  }

  assert {
    condition     = length([for s in jsondecode(aws_iam_policy.deploy.policy).Statement : s if contains(flatten([s.Action]), "cloudfront:UpdateDistribution")]) == 0
    error_message = "Without a custom domain the deployer needs no CloudFront rights."
  }

  assert {
    condition = one([for s in jsondecode(aws_iam_role_policy.lambda.policy).Statement : s if s.Sid == "ReadSecrets"]) == {
      Sid    = "ReadSecrets"
      Effect = "Allow"
      Action = ["secretsmanager:GetSecretValue"]
      Resource = [
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:coalition-builder-production/database-url-AbCdEf",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:coalition-builder-production/django-secret-key-AbCdEf",
      ]
    }
    error_message = "The Lambda reads only its environment's secrets."
  }

  assert {
    condition = alltrue(flatten([
      for doc in concat(values(output.iam_policies), [aws_iam_role.lambda.assume_role_policy]) : [
        for s in jsondecode(doc).Statement : [for a in flatten([s.Action]) : a != "*" && !endswith(a, ":*")]
      ]
    ]))
    error_message = "No IAM statement may use a wildcard action."
  }

  assert {
    condition = alltrue(flatten([
      for doc in values(output.iam_policies) : [
        for s in jsondecode(doc).Statement : !contains(flatten([try(s.Resource, [])]), "*") || length(setsubtract(flatten([s.Action]), var.resource_star_actions)) == 0
      ]
    ]))
    error_message = "\"Resource\": \"*\" is allowed only for actions without resource-level permissions."
  }

  assert {
    condition     = one([for s in jsondecode(aws_iam_policy.deploy.policy).Statement : s.Condition if s.Sid == "PassExecutionRole"]) == { StringEquals = { "iam:PassedToService" = "lambda.amazonaws.com" } }
    error_message = "The deployer may pass the execution role to Lambda only."
  }

  assert {
    condition     = output.deploy_role_arn == null
    error_message = "No deploy role without principals."
  }
}

run "dev_stage_is_lean" {
  command = apply

  variables {
    environment = "dev"
    memory_size = 512
    rate_limit_table = {
      name = "coalition-builder-shared-rate-limit"
      arn  = "arn:aws:dynamodb:us-east-1:123456789012:table/coalition-builder-shared-rate-limit"
    }
    deployer_principal_arns = ["arn:aws:iam::123456789012:role/github-actions"]
    rest_api_id             = "abcde12345"
    reserved_concurrency    = 5
    custom_domain = {
      domain          = "api-dev.example.org"
      certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000"
    }
  }

  assert {
    condition     = output.zappa_settings.dev.domain == "api-dev.example.org" && !output.zappa_settings.dev.route53_enabled
    error_message = "Zappa gets the domain and certificate, and leaves DNS alone (it has no Route 53 rights)."
  }

  assert {
    condition = { for s in jsondecode(aws_iam_policy.deploy.policy).Statement : s.Sid => s.Resource if contains(["OwnApi", "CreateDomainName", "OwnDomainName"], s.Sid) } == {
      OwnApi           = ["arn:aws:apigateway:us-east-1::/restapis/abcde12345", "arn:aws:apigateway:us-east-1::/restapis/abcde12345/*"]
      CreateDomainName = ["arn:aws:apigateway:us-east-1::/domainnames"]
      OwnDomainName    = ["arn:aws:apigateway:us-east-1::/domainnames/api-dev.example.org", "arn:aws:apigateway:us-east-1::/domainnames/api-dev.example.org/*"]
    }
    error_message = "With its API ID known, the deployer reaches that API only; `zappa certify` may create and change this stage's domain name only, and update its edge-optimized distribution."
  }

  assert {
    condition = (
      one([for s in jsondecode(aws_iam_policy.deploy.policy).Statement : s if contains(flatten([s.Action]), "cloudfront:UpdateDistribution")]) == {
        Sid         = "EdgeOptimizedDomain"
        Effect      = "Allow"
        Action      = ["cloudfront:UpdateDistribution"]
        NotResource = ["arn:aws:cloudfront::123456789012:*"]
      } &&
      length([for s in jsondecode(aws_iam_policy.deploy.policy).Statement : s if startswith(join(",", flatten([s.Action])), "cloudfront:") && can(s.Resource)]) == 0
    )
    error_message = "cloudfront:UpdateDistribution reaches no distribution of this account (the other environments' static distributions): only API Gateway's own edge distribution of this stage's domain."
  }

  assert {
    condition     = !can(one([for s in jsondecode(aws_iam_policy.deploy.policy).Statement : s if s.Sid == "OwnApi"]).Condition)
    error_message = "A known API ID needs no tag condition."
  }

  assert {
    condition     = output.zappa_settings.dev.memory_size == 512 && !output.zappa_settings.dev.keep_warm && !contains(keys(output.zappa_settings.dev), "keep_warm_expression")
    error_message = "Dev: 512 MB and keep-warm explicitly off (Zappa defaults it on)."
  }

  assert {
    condition     = !output.zappa_settings.dev.xray_tracing && !contains(keys(output.zappa_settings.dev), "vpc_config")
    error_message = "No X-Ray and no VPC config unless asked for."
  }

  assert {
    condition     = output.zappa_settings.dev.aws_environment_variables.RATE_LIMIT_KEY_PREFIX == "dev:" && output.zappa_settings.dev.aws_environment_variables.RATE_LIMIT_TABLE == "coalition-builder-shared-rate-limit"
    error_message = "Dev shares the table under its own key prefix."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.lambda.policy).Statement : s.Sid] == ["Logs", "RateLimitTable"]
    error_message = "Without secrets, buckets, VPC or X-Ray the policy is the logs and table statements only."
  }

  assert {
    condition     = length([for s in jsondecode(aws_iam_policy.deploy.policy).Statement : s if s.Sid == "VpcLookup"]) == 0
    error_message = "The deployer needs no EC2 lookups outside a VPC."
  }

  assert {
    condition     = jsondecode(aws_iam_role.deploy[0].assume_role_policy).Statement[0].Principal == { AWS = ["arn:aws:iam::123456789012:role/github-actions"] }
    error_message = "Only the given principals may assume the deploy role."
  }
}

# Every input below is invalid on its own; each must be rejected.
run "invalid_inputs_are_rejected" {
  command = plan

  variables {
    keep_warm_interval_minutes = 1
    vpc_subnet_ids             = ["subnet-0000000000000000a"]
  }

  expect_failures = [var.keep_warm_interval_minutes, var.vpc_security_group_ids]
}
