#!/bin/sh
# Mounted by docker-compose.yml over the postgis/postgis image's own /docker-entrypoint-initdb.d/10_postgis.sh, which
# also creates postgis_topology, fuzzystrmatch and postgis_tiger_geocoder: the geocoder owns a schema named "tiger",
# the worker's default schema, so its tables and the worker's would share one namespace. This creates PostGIS only.
set -eu
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" -c 'CREATE EXTENSION IF NOT EXISTS postgis'
