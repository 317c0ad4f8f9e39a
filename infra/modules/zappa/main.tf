locals {
  # Zappa names the function (and its API and CloudFormation stack) <project_name>-<stage>.
  function_name = "${var.project}-${var.environment}"
  arn_prefix    = "arn:aws:%s:${var.aws_region}:${var.aws_account_id}"
  function_arn  = "${format(local.arn_prefix, "lambda")}:function:${local.function_name}"
  log_group_arn = "${format(local.arn_prefix, "logs")}:log-group:/aws/lambda/${local.function_name}"
  use_vpc       = length(var.vpc_subnet_ids) > 0
}

module "deployment_bucket" {
  source = "../s3-bucket"

  name = "${local.function_name}-zappa-${var.aws_account_id}"
  # Zappa re-uploads its CloudFormation template on every deploy: old versions have no value.
  versioning_enabled = false
  tags               = var.tags
}

# The Lambda runs the Django image (Python 3.13 base image, built by the app repo).
module "image_repository" {
  source = "../ecr-repository"

  name                   = "${local.function_name}-lambda"
  lambda_pull_source_arn = "${local.function_arn}*"
  tags                   = var.tags
}

resource "aws_iam_role" "lambda" {
  name = "${local.function_name}-lambda"
  tags = var.tags
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# The design's policy (logs, the environment's secrets, the rate-limit table), plus what the design's own choices
# require: the asset buckets for django-storages, ENI management for the VPC, X-Ray when tracing is on.
resource "aws_iam_role_policy" "lambda" {
  name = "${local.function_name}-lambda"
  role = aws_iam_role.lambda.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid      = "Logs"
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
          Resource = "${local.log_group_arn}:*"
        },
        {
          Sid      = "RateLimitTable"
          Effect   = "Allow"
          Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]
          Resource = var.rate_limit_table.arn
        },
      ],
      length(var.secret_arns) == 0 ? [] : [{
        Sid      = "ReadSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = sort(values(var.secret_arns))
      }],
      length(var.asset_bucket_arns) == 0 ? [] : [
        {
          Sid      = "ListAssetBuckets"
          Effect   = "Allow"
          Action   = ["s3:ListBucket"]
          Resource = var.asset_bucket_arns
        },
        {
          Sid      = "ReadWriteAssets"
          Effect   = "Allow"
          Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
          Resource = [for arn in var.asset_bucket_arns : "${arn}/*"]
        },
      ],
      # Lambda creates the function's ENIs with its execution role; these APIs take no resource ARN.
      !local.use_vpc ? [] : [{
        Sid    = "VpcNetworkInterfaces"
        Effect = "Allow"
        Action = [
          "ec2:AssignPrivateIpAddresses",
          "ec2:CreateNetworkInterface",
          "ec2:DeleteNetworkInterface",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSubnets",
          "ec2:UnassignPrivateIpAddresses",
        ]
        Resource = "*"
      }],
      !var.xray_tracing ? [] : [{
        Sid      = "XRay"
        Effect   = "Allow"
        Action   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
        Resource = "*"
      }],
    )
  })
}

# What `zappa deploy/update/manage/tail/certify` needs with manage_roles = false and a Docker image.
resource "aws_iam_policy" "deploy" {
  name        = "${local.function_name}-zappa-deploy"
  description = "Zappa deploys of ${local.function_name}"
  tags        = var.tags
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid      = "DeploymentBucket"
          Effect   = "Allow"
          Action   = ["s3:GetBucketLocation", "s3:ListBucket"]
          Resource = module.deployment_bucket.arn
        },
        {
          Sid      = "DeploymentObjects"
          Effect   = "Allow"
          Action   = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
          Resource = "${module.deployment_bucket.arn}/*"
        },
        {
          Sid    = "Function"
          Effect = "Allow"
          Action = [
            "lambda:AddPermission",
            "lambda:CreateAlias",
            "lambda:CreateFunction",
            "lambda:DeleteFunction",
            "lambda:DeleteFunctionConcurrency",
            "lambda:GetAlias",
            "lambda:GetFunction",
            "lambda:GetFunctionConcurrency",
            "lambda:GetFunctionConfiguration",
            "lambda:GetPolicy",
            "lambda:InvokeFunction",
            "lambda:ListTags",
            "lambda:ListVersionsByFunction",
            "lambda:PublishVersion",
            "lambda:PutFunctionConcurrency",
            "lambda:RemovePermission",
            "lambda:TagResource",
            "lambda:UntagResource",
            "lambda:UpdateAlias",
            "lambda:UpdateFunctionCode",
            "lambda:UpdateFunctionConfiguration",
          ]
          Resource = [local.function_arn, "${local.function_arn}:*"]
        },
        {
          Sid       = "PassExecutionRole"
          Effect    = "Allow"
          Action    = ["iam:PassRole"]
          Resource  = aws_iam_role.lambda.arn
          Condition = { StringEquals = { "iam:PassedToService" = "lambda.amazonaws.com" } }
        },
        {
          Sid      = "ReadExecutionRole"
          Effect   = "Allow"
          Action   = ["iam:GetRole"]
          Resource = aws_iam_role.lambda.arn
        },
        {
          # API Gateway IDs are unknown until Zappa's stack creates them: scope to the region's APIs and domains.
          Sid    = "ApiGateway"
          Effect = "Allow"
          Action = ["apigateway:DELETE", "apigateway:GET", "apigateway:PATCH", "apigateway:POST", "apigateway:PUT"]
          Resource = [for path in ["/restapis", "/restapis/*", "/domainnames", "/domainnames/*", "/tags/*"] :
            "arn:aws:apigateway:${var.aws_region}::${path}"
          ]
        },
        {
          Sid    = "ApiStack"
          Effect = "Allow"
          Action = [
            "cloudformation:CreateStack",
            "cloudformation:DeleteStack",
            "cloudformation:DescribeStackResource",
            "cloudformation:DescribeStackResources",
            "cloudformation:DescribeStacks",
            "cloudformation:ListStackResources",
            "cloudformation:UpdateStack",
          ]
          Resource = "${format(local.arn_prefix, "cloudformation")}:stack/${local.function_name}/*"
        },
        {
          # Keep-warm rules: Zappa hashes rule names longer than 64 characters, so they cannot be matched by prefix.
          Sid    = "KeepWarmRules"
          Effect = "Allow"
          Action = [
            "events:DeleteRule",
            "events:DescribeRule",
            "events:ListRuleNamesByTarget",
            "events:ListTargetsByRule",
            "events:PutRule",
            "events:PutTargets",
            "events:RemoveTargets",
          ]
          Resource = "${format(local.arn_prefix, "events")}:rule/*"
        },
        {
          Sid      = "TailLogs"
          Effect   = "Allow"
          Action   = ["logs:DescribeLogStreams", "logs:FilterLogEvents", "logs:GetLogEvents"]
          Resource = [local.log_group_arn, "${local.log_group_arn}:*"]
        },
        {
          Sid    = "PushImage"
          Effect = "Allow"
          Action = [
            "ecr:BatchCheckLayerAvailability",
            "ecr:BatchGetImage",
            "ecr:CompleteLayerUpload",
            "ecr:DescribeImages",
            "ecr:GetDownloadUrlForLayer",
            "ecr:InitiateLayerUpload",
            "ecr:PutImage",
            "ecr:UploadLayerPart",
          ]
          Resource = module.image_repository.arn
        },
        {
          # The registry login token is account-wide: the API has no resource ARN.
          Sid      = "RegistryLogin"
          Effect   = "Allow"
          Action   = ["ecr:GetAuthorizationToken"]
          Resource = "*"
        },
      ],
      # Lambda checks the caller can see the subnets and groups in vpc_config; Describe* take no resource ARN.
      !local.use_vpc ? [] : [{
        Sid      = "VpcLookup"
        Effect   = "Allow"
        Action   = ["ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"]
        Resource = "*"
      }],
    )
  })
}

resource "aws_iam_role" "deploy" {
  count = length(var.deployer_principal_arns) == 0 ? 0 : 1

  name = "${local.function_name}-zappa-deploy"
  tags = var.tags
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.deployer_principal_arns }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "deploy" {
  count = length(aws_iam_role.deploy)

  role       = aws_iam_role.deploy[0].name
  policy_arn = aws_iam_policy.deploy.arn
}
