#!/usr/bin/env bash
# Runs the main job end to end on the bundled samples: every sample layer of vintage 2024 into schema
# "tiger_samples", not the real tables' "tiger": the samples are made-up data, and DATABASE_URL may point at a database
# that holds real ones. --schema (or TIGER_SCHEMA) chooses another schema.
# Uses DATABASE_URL when set; otherwise starts a local PostGIS (scripts/postgis.sh, no Docker) and uses that.
# Extra arguments go to `tigerimport import` (e.g. --log-format json, --schema demo).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ -z "${DATABASE_URL:-}" ]; then
  DATABASE_URL="$("$root/scripts/postgis.sh" start dev)"
  export DATABASE_URL
  echo "Using the local PostGIS at $DATABASE_URL (stop it with scripts/postgis.sh stop)." >&2
fi

schema=(--schema tiger_samples)
for argument in "$@"; do
  case "$argument" in --schema | --schema=*) schema=() ;; esac
done
if [ -n "${TIGER_SCHEMA:-}" ]; then schema=(); fi

dotnet run --project src/TigerImport.Cli -c Release -- import \
  --source samples --year 2024 --layers STATE,COUNTY,CD,SLDU,PLACE,ZCTA520,EDGES "${schema[@]}" "$@"
