#!/usr/bin/env bash
# Installs the Debian packages the project's scripts need, when they are missing:
#   PostgreSQL 15 + PostGIS 3 (a local database for runs and tests; shp2pgsql for benchmarks), GDAL (ogr2ogr),
#   npm (once, to fetch the S3 test server: scripts/s3-server.sh), and unzip + GNU time for scripts/bench.sh.
# Usage: scripts/install-deps.sh [postgis] [gdal] [npm] [bench]   (default: postgis and gdal)
set -euo pipefail

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(postgis gdal)

packages=()
for item in "${want[@]}"; do
  case "$item" in
    postgis)
      ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 \
        || packages+=(postgresql-15-postgis-3 postgis)
      command -v shp2pgsql >/dev/null 2>&1 || packages+=(postgis) ;;
    gdal) command -v ogr2ogr >/dev/null 2>&1 || packages+=(gdal-bin) ;;
    npm) command -v npm >/dev/null 2>&1 || packages+=(npm) ;;
    bench)
      command -v unzip >/dev/null 2>&1 || packages+=(unzip)
      [ -x /usr/bin/time ] || packages+=(time) ;;
    *) echo "install-deps: unknown item '$item' (postgis, gdal, npm, bench)" >&2; exit 2 ;;
  esac
done
[ ${#packages[@]} -gt 0 ] || exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install: ${packages[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${packages[*]} (apt)…" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
