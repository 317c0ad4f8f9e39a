#!/usr/bin/env bash
# A throwaway local PostGIS without Docker: initdb under .local/ (git-ignored), a free port on 127.0.0.1, trust auth.
# Usage:
#   scripts/postgis.sh start [--fast] [NAME]   start (or reuse) instance NAME (default "dev"); prints DATABASE_URL
#   scripts/postgis.sh stop [NAME]             stop it
#   scripts/postgis.sh url [NAME]              print its DATABASE_URL if it is running
# --fast turns fsync off: for tests only (benchmarks and real loads keep it on).
# The URL printed is that of the role "tigerimport", not a superuser (docs/database-role.md): the superuser installs
# PostGIS (in template1 too, so databases the tests create have it) and the role owns the "tigerimport" database.
# It has CREATEDB, CREATEROLE and pg_signal_backend for the tests (a database per test run, reader roles, and dropping
# that database WITH (FORCE) while a session of a test's own role lingers); the worker needs none of them.
# Users with Docker can use docker-compose.yml instead (postgis/postgis image).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd="${1:-start}"; shift || true
fast=0
if [ "${1:-}" = "--fast" ]; then fast=1; shift; fi
name="${1:-dev}"

base="$root/.local/postgis/$name"
data="$base/data"
log() { echo "postgis: $*" >&2; }

# The newest PostgreSQL whose PostGIS extension is installed.
pg_bin() {
  local dir version
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    version="$(basename "$(dirname "$dir")")"
    [ -f "/usr/share/postgresql/$version/extension/postgis.control" ] && { echo "$dir"; return; }
  done
  return 1
}

# initdb and postgres refuse to run as root: run them as the postgres user, on folders it owns.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

role=tigerimport
url_of() { echo "postgres://$role@127.0.0.1:$(cat "$base/port")/tigerimport"; }
db_user() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }

running() { [ -f "$base/port" ] && [ -f "$data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  log "no free port found"; exit 1
}

# As the superuser, idempotently: PostGIS in template1, the role, its database (with PostGIS).
provision() {
  local psql=(as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U "$(db_user)" -v ON_ERROR_STOP=1 -qtA)
  PGOPTIONS="-c client_min_messages=warning" "${psql[@]}" -d template1 -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
  "${psql[@]}" -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'" | grep -q 1 \
    || "${psql[@]}" -d postgres -c "CREATE ROLE $role LOGIN CREATEDB CREATEROLE" >/dev/null
  PGOPTIONS="-c client_min_messages=warning" "${psql[@]}" -d postgres -c "GRANT pg_signal_backend TO $role" >/dev/null
  "${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'tigerimport'" | grep -q 1 \
    || as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$(db_user)" -O "$role" tigerimport
  PGOPTIONS="-c client_min_messages=warning" "${psql[@]}" -d tigerimport -c "CREATE EXTENSION IF NOT EXISTS postgis; ALTER DATABASE tigerimport OWNER TO $role" >/dev/null
}

case "$cmd" in
  start)
    bin="$(pg_bin)" || { "$root/scripts/install-deps.sh" postgis; bin="$(pg_bin)"; }
    if running; then port="$(cat "$base/port")"; provision; url_of; exit 0; fi
    mkdir -p "$base"
    if [ "$(id -u)" -eq 0 ]; then
      chown -R postgres:postgres "$base"
      # postgres must be able to reach the folder: every parent needs o+x.
      runuser -u postgres -- test -x "$base" || { log "user postgres cannot reach $base (check the parent folders' permissions)"; exit 1; }
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$data" --no-sync --auth=trust -E UTF8 --locale=C.UTF-8 -U "$(db_user)" >"$base/initdb.log" 2>&1 \
        || { cat "$base/initdb.log" >&2; exit 1; }
    fi
    port="$(free_port)"
    echo "$port" > "$base/port"
    opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$base -c max_wal_size=2GB"
    [ "$fast" -eq 1 ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_owner "$bin/pg_ctl" -D "$data" -l "$base/server.log" -o "$opts" -w -t 60 start >/dev/null \
      || { tail -20 "$base/server.log" >&2; exit 1; }
    provision
    log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') with PostGIS on 127.0.0.1:$port (data in ${base#$root/})"
    url_of ;;
  stop)
    bin="$(pg_bin)" || exit 0
    [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true ;;
  url)
    bin="$(pg_bin)" || exit 1
    running && url_of ;;
  *) sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
