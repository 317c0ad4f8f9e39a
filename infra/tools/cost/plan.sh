#!/usr/bin/env bash
# Offline `terraform plan -json` of one environment (real provider, fake credentials, no account lookup), printed
# on stdout as `terraform show -json`. Works on a throwaway copy of infra/ with a provider override file, so the
# environment's own files stay as they are. Usage: plan.sh dev|staging|production
set -euo pipefail
env="$1"
infra="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/infra"
tar -C "$infra" --exclude=.terraform --exclude=node_modules -chf - . | tar -C "$work/infra" -xf -
cp "$infra/../task-definition.json" "$work/"
cd "$work/infra/envs/$env"
cat >offline_override.tf <<TF
terraform {
  backend "local" {
    path = "$work/terraform.tfstate"
  }
}

provider "aws" {
  access_key                  = "offline"
  secret_key                  = "offline"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  # The account is never looked up offline; the real one is checked at apply.
  allowed_account_ids = null
}
TF
terraform init -input=false -no-color >/dev/null
terraform plan -refresh=false -input=false -no-color -lock=false -out="$work/plan" \
  -var aws_account_id=123456789012 -var import_image_tag=0123abc -var rest_api_id=abcde12345 >"$work/plan.log" 2>&1 ||
  { cat "$work/plan.log" >&2; exit 1; }
terraform show -json "$work/plan"
