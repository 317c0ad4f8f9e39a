#!/usr/bin/env bash
# Installs the Debian packages the project's scripts need, when they are missing:
#   PostgreSQL + PostGIS 3 (a local database for runs and tests; shp2pgsql for benchmarks: on any Debian or Ubuntu,
#   the server version the distribution ships, see postgis_package), GDAL (ogr2ogr),
#   npm (once, to fetch the S3 test server: scripts/s3-server.sh), unzip + GNU time for scripts/bench.sh, Django +
#   psycopg2 for /usr/bin/python3 (the GeoDjango client test of the region sync, tests/geodjango; Debian's packages:
#   there is no PyPI here), tmux (the terminal the progress-line test reads), and the AWS CLI (the task definition's
#   offline registration check and infra/tools/ecs-run's parsing of scripts/ecs-run.sh's arguments, with jq; optional:
#   Ubuntu 24.04 has no awscli package, and those checks then skip).
# Usage: scripts/install-deps.sh [postgis] [gdal] [npm] [bench] [django] [tmux] [awscli]   (default: postgis and gdal)
set -euo pipefail

# The PostGIS package for this distribution, chosen by the PostgreSQL server version it ships: the `postgresql`
# metapackage depends on postgresql-NN (Debian 12: 15; Ubuntu 22.04: 14; Ubuntu 24.04: 16), and that server's
# PostGIS is postgresql-NN-postgis-3. Any Debian or Ubuntu where that method finds a package works (tested: Debian 12,
# Ubuntu 22.04 and 24.04); another system fails, saying so, and so does one whose package apt does not know.
# Arguments: the text of /etc/os-release and the output of `apt-cache depends postgresql` (testable without apt:
# INSTALL_DEPS_LIB=1 source scripts/install-deps.sh; postgis_package "$(cat /etc/os-release)" "…").
postgis_package() {
  local os_release="$1" depends="$2" id version server
  id="$(sed -n 's/^ID=//p' <<<"$os_release" | tr -d '"')"
  version="$(sed -n 's/^VERSION_ID=//p' <<<"$os_release" | tr -d '"')"
  case "$id" in
    debian | ubuntu) ;;
    *)
      echo "install-deps: PostGIS is installed on Debian and Ubuntu only (tested: Debian 12, Ubuntu 22.04 and 24.04); this is ${id:-an unknown system} ${version:-(no VERSION_ID)}." \
        "Install PostgreSQL and its postgresql-NN-postgis-3 package yourself (scripts/postgis.sh uses the newest /usr/lib/postgresql/NN that has PostGIS)." >&2
      return 1 ;;
  esac
  server="$(grep -oE 'Depends: postgresql-[0-9]+$' <<<"$depends" | head -1 | grep -oE '[0-9]+$' || true)"
  if [ -z "$server" ]; then
    echo "install-deps: cannot tell which PostgreSQL $id $version ships: 'apt-cache depends postgresql' names no postgresql-NN (are the package lists fetched? apt-get update)." >&2
    return 1
  fi
  echo "postgresql-$server-postgis-3"
}
[ "${INSTALL_DEPS_LIB:-}" != 1 ] || return 0

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(postgis gdal)

packages=()
optional=()  # installed when the distribution has them; the tests that need them skip otherwise
for item in "${want[@]}"; do
  case "$item" in
    postgis)
      # The server's PostGIS package is chosen after apt-get update (postgis_package).
      ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 \
        || { postgis_server=true; packages+=(postgis); }
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
if [ "${postgis_server:-false}" = true ]; then
  server_package="$(postgis_package "$(cat /etc/os-release 2>/dev/null || true)" "$(apt-cache depends postgresql 2>/dev/null || true)")" || exit 1
  if ! apt-cache show "$server_package" >/dev/null 2>&1; then
    echo "install-deps: this distribution ships PostgreSQL ${server_package#postgresql-} but apt knows no package $server_package; install PostGIS for that server yourself." >&2
    exit 1
  fi
  packages+=("$server_package")
fi
if [ ${#packages[@]} -gt 0 ]; then
  echo "install-deps: installing ${packages[*]} (apt)…" >&2
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
for package in "${optional[@]}"; do
  echo "install-deps: installing $package (apt)…" >&2
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$package" >/dev/null 2>&1 \
    || echo "install-deps: this distribution has no $package package; the tests that need it will skip" >&2
done
