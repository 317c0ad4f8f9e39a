mock_provider "aws" {
  source = "../../tests/mocks"
}

variables {
  name = "coalition-builder-test-lambda"
}

run "scanned_immutable_and_bounded" {
  command = apply

  assert {
    condition     = one(aws_ecr_repository.this.image_scanning_configuration).scan_on_push
    error_message = "Images must be scanned on push."
  }

  assert {
    condition     = aws_ecr_repository.this.image_tag_mutability == "IMMUTABLE"
    error_message = "Tags must be immutable."
  }

  assert {
    condition     = one(jsondecode(aws_ecr_lifecycle_policy.this.policy).rules).selection.countNumber == 10
    error_message = "The lifecycle policy must keep max_image_count images."
  }

  assert {
    condition     = length(aws_ecr_repository_policy.lambda_pull) == 0
    error_message = "No repository policy unless a Lambda pulls from it."
  }
}

run "lambda_pull_is_scoped_to_the_function" {
  command = apply

  variables {
    lambda_pull_source_arn = "arn:aws:lambda:us-east-1:123456789012:function:coalition-builder-test*"
  }

  assert {
    condition = one(jsondecode(aws_ecr_repository_policy.lambda_pull[0].policy).Statement).Condition == {
      ArnLike = { "aws:sourceArn" = "arn:aws:lambda:us-east-1:123456789012:function:coalition-builder-test*" }
    }
    error_message = "The Lambda pull grant must be limited to the function's ARN."
  }

  assert {
    condition     = one(jsondecode(aws_ecr_repository_policy.lambda_pull[0].policy).Statement).Action == ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    error_message = "Lambda needs exactly the two pull actions."
  }
}
