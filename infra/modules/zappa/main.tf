locals {
  # Zappa names the function (and its API and CloudFormation stack) <project_name>-<stage>.
  function_name = "${var.project}-${var.environment}"
  arn_prefix    = "arn:aws:%s:${var.aws_region}:${var.aws_account_id}"
  function_arn  = "${format(local.arn_prefix, "lambda")}:function:${local.function_name}"
  log_group_arn = "${format(local.arn_prefix, "logs")}:log-group:/aws/lambda/${local.function_name}"
  use_vpc       = length(var.vpc_subnet_ids) > 0
  # Zappa names its keep-warm rule <function>-zappa-keep-warm (hashed only from 64 characters on; see the precondition).
  keep_warm_rule_name = "${local.function_name}-zappa-keep-warm"
  apigateway_arn      = "arn:aws:apigateway:${var.aws_region}::"
  # Zappa's CloudFormation stack tags what it creates ZappaProject=<function>: until the API ID is known, that tag is
  # what tells this stage's API from another environment's.
  own_api = var.rest_api_id == null ? {
    Resource  = ["${local.apigateway_arn}/restapis/*", "${local.apigateway_arn}/tags/*"]
    Condition = { StringEquals = { "aws:ResourceTag/ZappaProject" = local.function_name } }
    } : {
    Resource  = ["${local.apigateway_arn}/restapis/${var.rest_api_id}", "${local.apigateway_arn}/restapis/${var.rest_api_id}/*"]
    Condition = null
  }
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
          # dev and staging share the table: each stage reads and writes only keys under its own prefix.
          Sid       = "RateLimitTable"
          Effect    = "Allow"
          Action    = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]
          Resource  = var.rate_limit_table.arn
          Condition = { "ForAllValues:StringLike" = { "dynamodb:LeadingKeys" = ["${var.environment}:*"] } }
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

  lifecycle {
    precondition {
      condition     = length(local.keep_warm_rule_name) < 64
      error_message = "Zappa hashes keep-warm rule names of 64 characters or more; the KeepWarmRule statement would not match. Shorten project."
    }
  }
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
          # Zappa finds its API by name among the region's; listing changes nothing.
          Sid      = "ListApis"
          Effect   = "Allow"
          Action   = ["apigateway:GET"]
          Resource = "${local.apigateway_arn}/restapis"
        },
        {
          # Creating an API cannot touch another environment's; everything after creation is scoped below.
          Sid      = "CreateApi"
          Effect   = "Allow"
          Action   = ["apigateway:POST"]
          Resource = "${local.apigateway_arn}/restapis"
        },
        merge(
          {
            Sid      = "OwnApi"
            Effect   = "Allow"
            Action   = ["apigateway:DELETE", "apigateway:GET", "apigateway:PATCH", "apigateway:POST", "apigateway:PUT"]
            Resource = local.own_api.Resource
          },
          local.own_api.Condition == null ? {} : { Condition = local.own_api.Condition },
        ),
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
          Sid    = "KeepWarmRule"
          Effect = "Allow"
          Action = [
            "events:DeleteRule",
            "events:DescribeRule",
            "events:ListTargetsByRule",
            "events:PutRule",
            "events:PutTargets",
            "events:RemoveTargets",
          ]
          Resource = "${format(local.arn_prefix, "events")}:rule/${local.keep_warm_rule_name}"
        },
        {
          # Read-only: Zappa lists the rules that target its function before removing old schedules.
          Sid      = "FindRules"
          Effect   = "Allow"
          Action   = ["events:ListRuleNamesByTarget"]
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
      # `zappa certify` creates an edge-optimized domain name (API Gateway's own CloudFront distribution, in an
      # account of AWS's, hence no ARN to name) and maps this stage under it.
      # Through JSON: the statements differ in shape (Resource or NotResource), which a list cannot hold.
      jsondecode(var.custom_domain == null ? "[]" : jsonencode([
        {
          Sid      = "CreateDomainName"
          Effect   = "Allow"
          Action   = ["apigateway:POST"]
          Resource = ["${local.apigateway_arn}/domainnames"]
        },
        {
          Sid      = "OwnDomainName"
          Effect   = "Allow"
          Action   = ["apigateway:DELETE", "apigateway:GET", "apigateway:PATCH", "apigateway:POST", "apigateway:PUT"]
          Resource = ["${local.apigateway_arn}/domainnames/${var.custom_domain.domain}", "${local.apigateway_arn}/domainnames/${var.custom_domain.domain}/*"]
        },
        {
          # AWS documents "Resource": "*" here, which would also reach every distribution of this account, other
          # environments' included. API Gateway's distribution is in an AWS-owned account, reached only through
          # this stage's own domain name (OwnDomainName above): excluding every distribution of this account
          # leaves exactly that one.
          Sid         = "EdgeOptimizedDomain"
          Effect      = "Allow"
          Action      = ["cloudfront:UpdateDistribution"]
          NotResource = ["arn:aws:cloudfront::${var.aws_account_id}:*"]
        },
      ])),
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
