output "function_name" {
  description = "Name Zappa gives the Lambda function."
  value       = local.function_name
}

output "lambda_role_arn" {
  description = "Lambda execution role ARN."
  value       = aws_iam_role.lambda.arn
}

output "deployment_bucket_name" {
  description = "Zappa's deployment bucket."
  value       = module.deployment_bucket.name
}

output "image_repository_url" {
  description = "ECR repository for the Django image (`zappa deploy <stage> -d <url>:<tag>`)."
  value       = module.image_repository.url
}

output "deploy_policy_arn" {
  description = "Managed policy with what Zappa needs to deploy this stage; attach it to the CI role."
  value       = aws_iam_policy.deploy.arn
}

output "deploy_role_arn" {
  description = "Deploy role for deployer_principal_arns, or null when none are given."
  value       = one(aws_iam_role.deploy[*].arn)
}

output "iam_policies" {
  description = "Every identity policy this module grants, by name (JSON), for review and tests."
  value = {
    lambda = aws_iam_role_policy.lambda.policy
    deploy = aws_iam_policy.deploy.policy
  }
}

output "zappa_settings" {
  description = "This stage's zappa_settings.json entry: every value Terraform decides. The app repo merges it with its own (django_settings, ...)."
  value = {
    (var.environment) = merge(
      {
        project_name           = var.project
        aws_region             = var.aws_region
        runtime                = "python3.13"
        s3_bucket              = module.deployment_bucket.name
        manage_roles           = false
        role_name              = aws_iam_role.lambda.name
        role_arn               = aws_iam_role.lambda.arn
        memory_size            = var.memory_size
        timeout_seconds        = var.timeout_seconds
        keep_warm              = var.keep_warm_interval_minutes != null
        xray_tracing           = var.xray_tracing
        lambda_concurrency     = var.reserved_concurrency
        apigateway_enabled     = true
        endpoint_configuration = ["REGIONAL"]
        aws_environment_variables = merge(var.environment_variables, var.secret_arns, {
          ENVIRONMENT           = var.environment
          RATE_LIMIT_TABLE      = var.rate_limit_table.name
          RATE_LIMIT_KEY_PREFIX = "${var.environment}:"
        })
      },
      var.keep_warm_interval_minutes == null ? {} : { keep_warm_expression = "rate(${var.keep_warm_interval_minutes} minutes)" },
      !local.use_vpc ? {} : { vpc_config = { SubnetIds = var.vpc_subnet_ids, SecurityGroupIds = var.vpc_security_group_ids } },
      # DNS for the domain is not Zappa's: the deploy policy has no Route 53 rights (see the api module README).
      var.custom_domain == null ? {} : merge(var.custom_domain, { route53_enabled = false }),
    )
  }
}
