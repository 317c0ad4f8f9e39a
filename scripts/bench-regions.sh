#!/usr/bin/env bash
# The region sync at the app's scale: sync-regions into Coalition Builder's region and stakeholder tables, on a
# synthetic national district set and synthetic stakeholders; prints each step's time. Asserts no time.
#
# Usage: scripts/bench-regions.sh [--stakeholders N]      (default 1000000)
#
# Data (deterministic, made in the database): 52 states (4° cells of a 13-column grid), each tiled by 64 counties,
# 8 congressional, 40 senate and 100 house districts (3,328 / 416 / 2,080 / 5,200; the real 2024 counts are 3,224 /
# 437 / about 1,950 / about 4,800), every edge densified to a vertex per 0.005° (a CD has about 1,200 vertices);
# N stakeholders at random points in the states. The new plan re-tiles every CD (2×4 instead of 4×2) and senate
# district (5×8 instead of 8×5): every one changes shape, house districts and counties do not.
# Steps: first sync (every stakeholder assigned), unchanged rerun, the new plan (--district-schema), its unchanged rerun;
# after each step that writes stakeholders, its floor: the same writes as one UPDATE from a precomputed table and its
# COMMIT (the deferred key checks), from the same keys, with ours / floor.
# Database: BENCH_DATABASE_URL when set, else a local PostGIS instance "bench" with fsync on (scripts/postgis.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
stakeholders=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --stakeholders) stakeholders="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-regions: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$stakeholders" =~ ^[0-9]+$ ]] || { echo "bench-regions: --stakeholders must be a number" >&2; exit 2; }

# The instance "bench" is stopped at the end only when this script started it.
db="${BENCH_DATABASE_URL:-}"
[ -n "$db" ] || { db="$("$root/scripts/postgis.sh" start bench)"; trap '"$root/scripts/postgis.sh" stop bench >/dev/null 2>&1 || true' EXIT; }
export PGOPTIONS="-c client_min_messages=warning"
psql_q() { psql "$db" -X -q -v ON_ERROR_STOP=1 "$@"; }

echo "bench-regions: building the worker…" >&2
dotnet build "$root/src/TigerImport.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/src/TigerImport.Cli/bin/Release/net10.0/TigerImport.Cli.dll"

echo "bench-regions: making the national district set and $stakeholders stakeholders…" >&2
states=$(echo "01 AL,02 AK,04 AZ,05 AR,06 CA,08 CO,09 CT,10 DE,11 DC,12 FL,13 GA,15 HI,16 ID,17 IL,18 IN,19 IA,20 KS,21 KY,22 LA,23 ME,24 MD,25 MA,26 MI,27 MN,28 MS,29 MO,30 MT,31 NE,32 NV,33 NH,34 NJ,35 NM,36 NY,37 NC,38 ND,39 OH,40 OK,41 OR,42 PA,44 RI,45 SC,46 SD,47 TN,48 TX,49 UT,50 VT,51 VA,53 WA,54 WV,55 WI,56 WY,72 PR")
psql_q -v states="$states" -v n="$stakeholders" <<'SQL'
DROP SCHEMA IF EXISTS bench_regions CASCADE; DROP SCHEMA IF EXISTS bench_regions_plan CASCADE; DROP SCHEMA IF EXISTS bench_app CASCADE;
CREATE SCHEMA bench_regions; CREATE SCHEMA bench_regions_plan; CREATE SCHEMA bench_app;
CREATE TABLE bench_regions.state_2024 AS
    SELECT split_part(s, ' ', 1) AS statefp, split_part(s, ' ', 1) AS geoid, split_part(s, ' ', 2) AS stusps, 'State ' || split_part(s, ' ', 2) AS name,
        -125 + ((n - 1) % 13) * 4.0 AS x0, 20 + ((n - 1) / 13) * 4.0 AS y0
    FROM unnest(string_to_array(:'states', ',')) WITH ORDINALITY u(s, n);
ALTER TABLE bench_regions.state_2024 ADD COLUMN geom geometry(MultiPolygon, 4326), ADD COLUMN intptlat text, ADD COLUMN intptlon text;
UPDATE bench_regions.state_2024 SET geom = ST_Multi(ST_Segmentize(ST_MakeEnvelope(x0, y0, x0 + 4, y0 + 4, 4326), 0.005)), intptlat = (y0 + 2)::text, intptlon = (x0 + 2)::text;
-- A state's cells, columns × rows, numbered from 1.
CREATE FUNCTION bench_regions.tiles(columns int, rows_ int) RETURNS TABLE (statefp text, k int, geom geometry, intptlat text, intptlon text)
LANGUAGE sql AS $$
    SELECT s.statefp, c * rows_ + r + 1, ST_Multi(ST_Segmentize(ST_MakeEnvelope(x, y, x + 4.0 / columns, y + 4.0 / rows_, 4326), 0.005)),
        (y + 2.0 / rows_)::text, (x + 2.0 / columns)::text
    FROM bench_regions.state_2024 s, generate_series(0, columns - 1) c, generate_series(0, rows_ - 1) r,
        LATERAL (SELECT s.x0 + c * 4.0 / columns AS x, s.y0 + r * 4.0 / rows_ AS y) p
$$;
CREATE TABLE bench_regions.county_2024 AS SELECT statefp, statefp || lpad(k::text, 3, '0') AS geoid, 'County ' || k AS name, geom, intptlat, intptlon FROM bench_regions.tiles(8, 8);
CREATE TABLE bench_regions.cd_2024 AS SELECT statefp, lpad(k::text, 2, '0') AS cd119fp, statefp || lpad(k::text, 2, '0') AS geoid, geom, intptlat, intptlon FROM bench_regions.tiles(4, 2);
CREATE TABLE bench_regions.sldu_2024 AS SELECT statefp, lpad(k::text, 3, '0') AS sldust, statefp || lpad(k::text, 3, '0') AS geoid, geom, intptlat, intptlon FROM bench_regions.tiles(8, 5);
CREATE TABLE bench_regions.sldl_2024 AS SELECT statefp, lpad(k::text, 3, '0') AS sldlst, statefp || lpad(k::text, 3, '0') AS geoid, geom, intptlat, intptlon FROM bench_regions.tiles(10, 10);
CREATE TABLE bench_regions_plan.cd_2024 AS SELECT statefp, lpad(k::text, 2, '0') AS cd119fp, statefp || lpad(k::text, 2, '0') AS geoid, geom, intptlat, intptlon FROM bench_regions.tiles(2, 4);
CREATE TABLE bench_regions_plan.sldu_2024 AS SELECT statefp, lpad(k::text, 3, '0') AS sldust, statefp || lpad(k::text, 3, '0') AS geoid, geom, intptlat, intptlon FROM bench_regions.tiles(5, 8);
CREATE TABLE bench_regions_plan.sldl_2024 AS SELECT * FROM bench_regions.sldl_2024;
ANALYZE bench_regions.state_2024, bench_regions.county_2024, bench_regions.cd_2024, bench_regions.sldu_2024, bench_regions.sldl_2024,
    bench_regions_plan.cd_2024, bench_regions_plan.sldu_2024, bench_regions_plan.sldl_2024;
-- The app's tables as its migrations make them: region with its spatial indexes, stakeholder with deferred keys.
CREATE TABLE bench_app.region (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, parent_id bigint NULL REFERENCES bench_app.region (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    geoid varchar(100) NOT NULL, name varchar(255) NOT NULL UNIQUE, label varchar(255) NULL, abbrev varchar(50) NULL, type varchar(30) NOT NULL,
    coords geography(Point, 4326) NULL, geom geometry(MultiPolygon, 4326) NULL, geojson jsonb NULL, UNIQUE (geoid, type));
CREATE INDEX ON bench_app.region (geoid); CREATE INDEX ON bench_app.region (abbrev); CREATE INDEX ON bench_app.region (parent_id);
CREATE INDEX ON bench_app.region USING gist (geom); CREATE INDEX ON bench_app.region USING gist (coords);
CREATE TABLE bench_app.stakeholder (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name varchar(255) NOT NULL, location geography(Point, 4326) NULL);
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['state', 'county', 'congressional_district', 'state_senate_district', 'state_house_district'] LOOP
        EXECUTE format('ALTER TABLE bench_app.stakeholder ADD COLUMN %I bigint NULL REFERENCES bench_app.region (id) DEFERRABLE INITIALLY DEFERRED', t || '_id');
        EXECUTE format('CREATE INDEX ON bench_app.stakeholder (%I)', t || '_id');
    END LOOP;
END $$;
SELECT setseed(0.18) \g /dev/null
INSERT INTO bench_app.stakeholder (name, location)
    SELECT 'Stakeholder ' || i, ST_SetSRID(ST_MakePoint(s.x0 + random() * 4, s.y0 + random() * 4), 4326)::geography
    FROM generate_series(1, :n) i JOIN bench_regions.state_2024 s ON s.statefp = split_part((string_to_array(:'states', ','))[1 + (i % 52)], ' ', 1);
CREATE INDEX ON bench_app.stakeholder USING gist (location);
VACUUM ANALYZE bench_app.stakeholder;
SQL

step() {
  local label="$1"; shift
  local started ended out
  started=$(date +%s.%N)
  out=$(DATABASE_URL="$db" dotnet "$cli" sync-regions --year 2024 --schema bench_regions --region-table bench_app.region \
    --stakeholder-table bench_app.stakeholder --log-format text "$@" 2>&1) || { echo "$out" >&2; echo "bench-regions: $label failed" >&2; exit 1; }
  ended=$(date +%s.%N)
  elapsed=$(echo "$ended - $started" | bc)
  printf '%-28s %7.1f s   %s | %s\n' "$label" "$elapsed" \
    "$(grep -o 'Stakeholders bench_app.stakeholder: [0-9].*' <<<"$out" | head -1)" "$(grep -o 'Finished: sync-regions .*' <<<"$out" | head -1)"
}
keys="state_id, county_id, congressional_district_id, state_senate_district_id, state_house_district_id"
keys_of() { sed "s/\([a-z_]*_id\)/$1.\1/g" <<<"$keys"; }   # keys_of s: s.state_id, s.county_id, …
# The stakeholders' keys before a step, to measure its floor against afterwards.
snapshot() { psql_q -c "DROP TABLE IF EXISTS bench_app.keys_before; CREATE TABLE bench_app.keys_before AS SELECT id, $keys FROM bench_app.stakeholder"; }

# The floor of a step that writes stakeholders: the cheapest PostgreSQL can make the same writes. The keys are put back
# as they were before the step (not timed, then VACUUM), and one UPDATE from a precomputed table of the rows whose keys
# the step changed sets them to the step's final values, then COMMIT runs the same deferred foreign-key checks.
floor() {
  local ours="$1" times update commit
  psql_q <<SQL
DROP TABLE IF EXISTS bench_app.keys_delta;
CREATE TABLE bench_app.keys_delta AS SELECT s.id, $(keys_of s)
    FROM bench_app.stakeholder s JOIN bench_app.keys_before b ON b.id = s.id WHERE ($(keys_of s)) IS DISTINCT FROM ($(keys_of b));
ALTER TABLE bench_app.keys_delta ADD PRIMARY KEY (id);
UPDATE bench_app.stakeholder s SET ($keys) = ($(keys_of b)) FROM bench_app.keys_before b, bench_app.keys_delta d WHERE b.id = s.id AND d.id = s.id;
VACUUM ANALYZE bench_app.stakeholder; ANALYZE bench_app.keys_delta;
SQL
  times=$(psql_q -At <<SQL | grep -o '^Time: [0-9.]*' | cut -d' ' -f2
\timing on
BEGIN;
UPDATE bench_app.stakeholder s SET ($keys) = ($(keys_of d)) FROM bench_app.keys_delta d WHERE d.id = s.id;
COMMIT;
SQL
)
  update=$(sed -n 2p <<<"$times"); commit=$(sed -n 3p <<<"$times")
  printf '%-28s %7.1f s   %s rows: UPDATE %.1f s, COMMIT (deferred key checks) %.1f s; ours / floor = %.1f\n' "  floor" \
    "$(echo "($update + $commit) / 1000" | bc -l)" "$(psql_q -At -c 'SELECT count(*) FROM bench_app.keys_delta')" \
    "$(echo "$update / 1000" | bc -l)" "$(echo "$commit / 1000" | bc -l)" "$(echo "$ours * 1000 / ($update + $commit)" | bc -l)"
}

echo "bench-regions: $stakeholders stakeholders, $(psql_q -At -c "SELECT (SELECT count(*) FROM bench_regions.county_2024) + (SELECT count(*) FROM bench_regions.cd_2024) + (SELECT count(*) FROM bench_regions.sldu_2024) + (SELECT count(*) FROM bench_regions.sldl_2024) + 52") region rows"
snapshot; step "first sync"; floor "$elapsed"
step "unchanged rerun"
snapshot; step "new plan (CD, SLDU re-tiled)" --district-schema bench_regions_plan; floor "$elapsed"
step "new plan, unchanged rerun" --district-schema bench_regions_plan
psql_q -At -c "SELECT 'stakeholders whose keys disagree with ST_Covers: ' || count(*) FROM bench_app.stakeholder s LEFT JOIN bench_app.region r ON r.id = s.congressional_district_id WHERE r.geom IS NULL OR NOT ST_Covers(r.geom, s.location::geometry)"
