#!/usr/bin/env bash
# Installs the Debian packages the project's scripts need, when they are missing:
#   PostgreSQL 15 + PostGIS 3 (a local database for runs and tests; shp2pgsql for benchmarks), GDAL (ogr2ogr),
#   npm (once, to fetch the S3 test server: scripts/s3-server.sh), unzip + GNU time for scripts/bench.sh, Django +
#   psycopg2 for /usr/bin/python3 (the GeoDjango client test of the region sync, tests/geodjango; Debian's packages:
#   there is no PyPI here), tmux (the terminal the progress-line test reads), and the AWS CLI (the task definition's
#   offline registration check and infra/tools/ecs-run's parsing of scripts/ecs-run.sh's arguments, with jq; optional:
#   Ubuntu 24.04 has no awscli package, and those checks then skip).
# Usage: scripts/install-deps.sh [postgis] [gdal] [npm] [bench] [django] [tmux] [awscli]   (default: postgis and gdal)
set -euo pipefail

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(postgis gdal)

packages=()
optional=()  # installed when the distribution has them; the tests that need them skip otherwise
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
    django) /usr/bin/python3 -c 'import django, psycopg2' >/dev/null 2>&1 || packages+=(python3-django python3-psycopg2) ;;
    tmux) command -v tmux >/dev/null 2>&1 || packages+=(tmux) ;;
    awscli)
      command -v jq >/dev/null 2>&1 || packages+=(jq)
      command -v aws >/dev/null 2>&1 || optional+=(awscli) ;;
    *) echo "install-deps: unknown item '$item' (postgis, gdal, npm, bench, django, tmux, awscli)" >&2; exit 2 ;;
  esac
done
[ $((${#packages[@]} + ${#optional[@]})) -gt 0 ] || exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install: ${packages[*]} ${optional[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
if [ ${#packages[@]} -gt 0 ]; then
  echo "install-deps: installing ${packages[*]} (apt)…" >&2
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
for package in "${optional[@]}"; do
  echo "install-deps: installing $package (apt)…" >&2
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$package" >/dev/null 2>&1 \
    || echo "install-deps: this distribution has no $package package; the tests that need it will skip" >&2
done
