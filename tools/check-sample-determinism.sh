#!/usr/bin/env bash
# Regenerates the sample zips twice (the second time in another time zone and with another umask) and checks that
# both runs are byte-identical to each other and to the committed samples/.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build "$repo/tools/TigerImport.Samples" --nologo -v quiet >/dev/null
generate() {
  dotnet run --no-build --project "$repo/tools/TigerImport.Samples" -- "$work/$1" >/dev/null
  (cd "$work/$1" && sha256sum -- *.zip regions/*.zip) >"$work/$1.sha256"
}
generate first
(umask 077 && TZ=Pacific/Honolulu generate second)
(cd "$repo/samples" && sha256sum -- *.zip regions/*.zip) >"$work/committed.sha256"

if ! diff -u "$work/first.sha256" "$work/second.sha256"; then
  echo "FAIL: two runs of the generator wrote different bytes" >&2
  exit 1
fi
if ! diff -u "$work/committed.sha256" "$work/first.sha256"; then
  echo "FAIL: samples/ differs from the generator's output; run: dotnet run --project tools/TigerImport.Samples -- samples/" >&2
  exit 1
fi
echo "OK: $(wc -l <"$work/first.sha256") sample zips are reproducible and match samples/"
