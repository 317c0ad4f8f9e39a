#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs PostGIS, GDAL, npm, Django, tmux and the AWS CLI when missing (apt), starts a
# throwaway PostGIS and an S3-protocol server (no Docker), checks formatting, runs the .NET tests and the Terraform checks, and ends with one line
# "N passed, N failed, N skipped". Exit status is non-zero when anything failed.
# Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

"$root/scripts/install-deps.sh" postgis gdal npm django tmux awscli
cleanup() { "$root/scripts/postgis.sh" stop test || true; "$root/scripts/s3-server.sh" stop || true; }
trap cleanup EXIT
# Assigned apart from `export`, so a server that fails to start stops the script here (export would hide its status).
if ! TIGER_TEST_DATABASE_URL="$("$root/scripts/postgis.sh" start --fast test)"; then
  echo "test.sh: PostGIS did not start (scripts/postgis.sh start --fast test failed; its log is in .local/postgis/test): no test was run." >&2
  exit 1
fi
if ! TIGER_TEST_S3_ENDPOINT="$("$root/scripts/s3-server.sh" start)"; then
  echo "test.sh: the S3-protocol test server did not start (scripts/s3-server.sh start failed): no test was run." >&2
  exit 1
fi
export TIGER_TEST_DATABASE_URL TIGER_TEST_S3_ENDPOINT

results="$root/.local/test-results"
mkdir -p "$results"
status=0
# Formatting and style (.editorconfig): counted as one test, so a drift fails the run with the files named.
if dotnet format TigerImport.sln --verify-no-changes >"$results/format.log" 2>&1; then
  format_passed=1; echo "format: dotnet format --verify-no-changes passed"
else
  format_passed=0; status=1; echo "format: dotnet format --verify-no-changes FAILED (run 'dotnet format TigerImport.sln'):"; tail -20 "$results/format.log"
fi

dotnet test --project tests/TigerImport.Tests -c Release "$@" 2>&1 | tee "$results/dotnet.log" || status=1

# Microsoft.Testing.Platform prints "total: N", "failed: N", "succeeded: N", "skipped: N" at the end.
count() { grep -E "^\s*$1: [0-9]+" "$results/dotnet.log" | tail -1 | grep -oE '[0-9]+' || echo 0; }
passed=$(count succeeded); failed=$(count failed); skipped=$(count skipped)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a build failure runs no test but must not pass
if [ "$format_passed" -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

# The benchmark on a tiny input: proves scripts/bench.sh still runs end to end (it asserts no timing).
if scripts/bench.sh --tiny >"$results/bench.log" 2>&1 && grep -q 'import/ogr2ogr' "$results/bench.log"; then
  passed=$((passed + 1)); echo "bench: tiny run passed"
else
  failed=$((failed + 1)); status=1; echo "bench: tiny run FAILED:"; tail -20 "$results/bench.log"
fi

if [ -x infra/test.sh ]; then
  infra/test.sh 2>&1 | tee "$results/terraform.log" || status=1
  line=$(grep -E '^terraform: [0-9]+ passed, [0-9]+ failed' "$results/terraform.log" | tail -1)
  if [ -n "$line" ]; then
    passed=$((passed + $(echo "$line" | awk '{print $2}')))
    failed=$((failed + $(echo "$line" | awk '{print $4}')))
  fi
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
