#!/usr/bin/env bash
# Benchmarks the import against ogr2ogr, shp2pgsql and the floor (binary COPY of the same rows) on one PostGIS with
# fsync on, in interleaved rounds, and prints per contender the median and min wall time, rows/s and peak RSS of the
# client, and the ratios import/ogr2ogr, import/shp2pgsql and import/floor.
#
# Usage: scripts/bench.sh [--rounds N] [--sets LIST] [--tiny] [--county-scale]
#   --sets    comma-separated data sets (default: tracts,edges-real,edges-100mb,tracts-100mb,edges-1gb,tracts-1gb)
#               tracts        the 23 real 2010 TRACT zips in ../shared/tiger (skipped when absent)
#               edges-real    the real 2020 EDGES county in ../shared/tiger (skipped when absent)
#               edges-NNNmb / tracts-NNNmb / edges-Ngb / tracts-Ngb
#                             a synthetic TIGER-schema zip of about that size (tools/TigerImport.Synthetic,
#                             deterministic, made once into .local/bench/data/)
#               county-edges-N / county-faces-N
#                             a state's worth of N (1-254) synthetic Texas county EDGES or FACES zips of real sizes
#                             (log-uniform 50 KB-10 MB, median ~0.7 MB), one state partition built from N files; these
#                             sets also print the per-file overhead: (contender - floor) / N, seconds per file
#   --rounds  rounds per data set (default 3); the contenders' order rotates each round
#   --tiny    a quick proof that the benchmark works (CI): the sample EDGES, a 1 MB synthetic tract file and 5 county
#             EDGES files, 1 round
#   --county-scale  the county sets: county-edges-100,county-faces-100
# Contenders:
#   import    tigerimport import, published self-contained ReadyToRun as the Docker image ships it (reprojection
#             to 4326, validation/repair, indexes, ANALYZE, quality gates, atomic publish; --jobs default 2)
#   ogr2ogr   PG_USE_COPY=YES ogr2ogr -makevalid -nlt PROMOTE_TO_MULTI -t_srs EPSG:4326, one file after another
#             into one table, then the import's indexes and ANALYZE (no index during the load: its fastest sensible use)
#   shp2pgsql unzip, then shp2pgsql -D -s 4269:4326 | psql per file, then the import's indexes and ANALYZE
#   floor     binary COPY FREEZE of exactly the rows the import published (exported once, untimed) into a table
#             created in the same transaction, then the import's indexes and ANALYZE
# The import's indexes, built alike by every contender: the GiST on geom and the btree on the layer's key (the column
# the import's own key index is on, read from it), fillfactor 100, maintenance_work_mem as the import sets it.
# Database: BENCH_DATABASE_URL when set, else a local PostGIS instance "bench" with fsync on (scripts/postgis.sh).
# Nothing here asserts a time: the numbers are for people (docs/benchmarks.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

rounds=3
sets="tracts,edges-real,edges-100mb,tracts-100mb,edges-1gb,tracts-1gb"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --sets) sets="$2"; shift 2 ;;
    --tiny) sets="tiny-edges,tiny-tracts,county-edges-5"; rounds=1; shift ;;
    --county-scale) sets="county-edges-100,county-faces-100"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "bench: --rounds takes a positive number, not '$rounds'" >&2; exit 2; }
IFS=',' read -r -a set_list <<<"$sets"
# Checked before anything is built: a misspelt set would otherwise be skipped and leave an empty table.
for set in "${set_list[@]}"; do
  [[ "$set" =~ ^(tracts|edges-real|tiny-edges|tiny-tracts|(edges|tracts)-[0-9]+(mb|gb)|county-(edges|faces)-([1-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-4]))$ ]] \
    || { echo "bench: unknown data set '$set' (see --help)" >&2; exit 2; }
done

"$root/scripts/install-deps.sh" postgis gdal bench
for tool in unzip psql shp2pgsql ogr2ogr /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing" >&2; exit 1; }
done

work="$root/.local/bench"
mkdir -p "$work/data" "$work/runs"
started_db=0
if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  db="$BENCH_DATABASE_URL"
else
  db="$("$root/scripts/postgis.sh" start bench)"
  started_db=1
fi
cleanup() { [ "$started_db" -eq 0 ] || "$root/scripts/postgis.sh" stop bench >/dev/null 2>&1 || true; }
trap cleanup EXIT
# GDAL's PG driver takes libpq keywords, not a URL: postgres://user[:password]@host[:port]/db.
pg_keywords() {
  [[ "$1" =~ ^postgres(ql)?://([^:@/]+)(:([^@/]*))?@([^:/?]+)(:([0-9]+))?/([^?]+) ]] \
    || { echo "bench: the database URL must look like postgres://user@host:port/db" >&2; exit 2; }
  echo "host=${BASH_REMATCH[5]} port=${BASH_REMATCH[7]:-5432} dbname=${BASH_REMATCH[8]} user=${BASH_REMATCH[2]}${BASH_REMATCH[4]:+ password=${BASH_REMATCH[4]}}"
}
export PGOPTIONS="-c client_min_messages=warning"
psql_q() { psql "$db" -X -q -v ON_ERROR_STOP=1 "$@"; }

echo "bench: building the worker (self-contained ReadyToRun, as the Docker image ships it) and the generator…" >&2
rm -rf "$work/bin"
dotnet publish src/TigerImport.Cli -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -o "$work/bin" -v quiet -nologo >/dev/null
dotnet build tools/TigerImport.Synthetic -c Release -v quiet -nologo >/dev/null
worker=""
for name in tigerimport TigerImport.Cli; do [ -x "$work/bin/$name" ] && { worker="$work/bin/$name"; break; }; done
[ -n "$worker" ] || { echo "bench: no worker executable in $work/bin" >&2; exit 1; }
synthetic() { dotnet "$root/tools/TigerImport.Synthetic/bin/Release/net10.0/TigerImport.Synthetic.dll" "$@"; }

# A data set is a folder of zips plus the vintage and layer to import; prints "dir year layer table".
prepare() {
  local set="$1" dir="$work/data/$1" shared="$root/../shared/tiger"
  case "$set" in
    tracts|edges-real)
      [ -d "$shared" ] || { echo "bench: $set needs ../shared/tiger (absent in a user's clone): skipped" >&2; return 1; }
      rm -rf "$dir"; mkdir -p "$dir"
      if [ "$set" = tracts ]; then ln -s "$shared"/tl_2010_*_tract10.zip "$dir/"; echo "$dir 2010 TRACT tract_2010";
      else ln -s "$shared/tl_2020_37143_edges.zip" "$dir/"; echo "$dir 2020 EDGES edges_2020"; fi ;;
    tiny-edges)
      mkdir -p "$dir"; cp "$root/samples/tl_2024_35013_edges.zip" "$dir/"; echo "$dir 2024 EDGES edges_2024" ;;
    tiny-tracts)
      [ -f "$dir/tl_2024_35_tract.zip" ] || { mkdir -p "$dir"; synthetic tracts 1 "$dir" >&2; }
      echo "$dir 2024 TRACT tract_2024" ;;
    county-*)
      local rest="${set#county-}"; local kind="${rest%-*}" count="${rest##*-}"
      if [ "$(ls "$dir"/*.zip 2>/dev/null | wc -l)" -ne "$count" ]; then
        echo "bench: generating $set (once; kept in $dir)…" >&2
        rm -rf "$dir"; mkdir -p "$dir"; synthetic "county-$kind" "$count" "$dir" >/dev/null
      fi
      if [ "$kind" = edges ]; then echo "$dir 2024 EDGES edges_2024"; else echo "$dir 2024 FACES faces_2024"; fi ;;
    edges-*|tracts-*)
      local kind="${set%%-*}" size="${set#*-}" megabytes
      case "$size" in
        *mb) megabytes="${size%mb}" ;;
        *gb) megabytes=$(( ${size%gb} * 1024 )) ;;
      esac
      local base; base=$([ "$kind" = edges ] && echo tl_2024_35013_edges || echo tl_2024_35_tract)
      if [ ! -f "$dir/$base.zip" ]; then
        echo "bench: generating $set (once; kept in $dir)…" >&2
        mkdir -p "$dir"; synthetic "$kind" "$megabytes" "$dir" >&2
      fi
      if [ "$kind" = edges ]; then echo "$dir 2024 EDGES edges_2024"; else echo "$dir 2024 TRACT tract_2024"; fi ;;
  esac
}

reset_db() { psql_q -c "DROP SCHEMA IF EXISTS bench_import, bench_import_staging, bench_import_backup, bench_ogr, bench_shp, bench_floor CASCADE" 2>/dev/null; }

# Runs one contender; prints "seconds peak_rss_kib rows". The command's output goes to the run's log.
measure() {
  local name="$1" log="$2" table="$3"; shift 3
  local t0 t1 rss
  t0=$(date +%s.%N)
  # GNU time reports the peak RSS of the largest process below it (bash waits for every step).
  /usr/bin/time -o "$log.time" -f "%M" bash -c '"$@"' bench "$@" >"$log" 2>&1 || { echo "bench: $name failed; see $log" >&2; tail -5 "$log" >&2; exit 1; }
  t1=$(date +%s.%N)
  rss=$(tail -1 "$log.time")
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') $rss $(psql_q -At -c "SELECT count(*) FROM $table")"
}

run_import() {
  local dir="$1" year="$2" layer="$3"
  "$worker" import --source "$dir" --year "$year" --layers "$layer" --schema bench_import --connection "$db" --log-format json
}

# The indexes the import builds, as it builds them (StagingTable: fillfactor 100, maintenance_work_mem 256MB), then
# ANALYZE. bench_key is the column of the import's key index (none for a layer without a key).
indexes_and_analyze() {
  local steps=(-c "SET maintenance_work_mem = '256MB'" -c "CREATE INDEX ON $1 USING gist (geom) WITH (fillfactor = 100)")
  [ -z "${bench_key:-}" ] || steps+=(-c "CREATE INDEX ON $1 ($bench_key) WITH (fillfactor = 100)")
  psql_q "${steps[@]}" -c "ANALYZE $1"
}

run_ogr() {
  local dir="$1" table="$2" first=1 zip
  psql_q -c "CREATE SCHEMA bench_ogr"
  for zip in "$dir"/*.zip; do
    PG_USE_COPY=YES ogr2ogr -f PostgreSQL "PG:$(pg_keywords "$db")" "/vsizip/$zip" -nln "bench_ogr.$table" -makevalid -nlt PROMOTE_TO_MULTI \
      -t_srs EPSG:4326 -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=NONE $([ "$first" -eq 1 ] || echo -append)
    first=0
  done
  indexes_and_analyze "bench_ogr.$table"
}

run_shp() {
  local dir="$1" table="$2" first=1 zip shp unzipped
  unzipped=$(mktemp -d "$work/unzipped.XXXXXX")
  psql_q -c "CREATE SCHEMA bench_shp"
  for zip in "$dir"/*.zip; do
    unzip -q -o "$zip" -d "$unzipped"
    shp=$(ls "$unzipped"/*.shp)
    shp2pgsql -D -s 4269:4326 $([ "$first" -eq 1 ] && echo -c || echo -a) "$shp" "bench_shp.$table" | psql "$db" -X -q -v ON_ERROR_STOP=1 >/dev/null
    rm -f "$unzipped"/*
    first=0
  done
  rm -rf "$unzipped"
  indexes_and_analyze "bench_shp.$table"
}

run_floor() {
  local table="$1" rows="$2"
  # One transaction (-1): FREEZE needs the table created in the COPY's own, as the import's first file of a partition has it.
  psql_q -1 -c "CREATE SCHEMA bench_floor" -c "CREATE TABLE bench_floor.$table (LIKE bench_keep.$table)" \
    -c "\\copy bench_floor.$table FROM '$rows' WITH (FORMAT binary, FREEZE)"
  indexes_and_analyze "bench_floor.$table"
}

export db worker work
export -f psql_q pg_keywords indexes_and_analyze run_import run_ogr run_shp run_floor

stats() { # stdin: one number per line; prints "median min"
  sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1] }'
}

machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME")"
server=$(psql_q -At -c "SELECT split_part(version(), ' ', 2) || ', PostGIS ' || postgis_lib_version() || ', fsync ' || current_setting('fsync')")
echo "bench: $(date -u +%Y-%m-%dT%H:%MZ), $machine; PostgreSQL $server; $rounds round(s)" >&2
results="$work/runs/$(date -u +%Y%m%dT%H%M%S)"
mkdir -p "$results"
table_lines=()
contenders=(import ogr2ogr shp2pgsql floor)
for set in "${set_list[@]}"; do
  prepared=$(prepare "$set") || continue
  read -r dir year layer table <<<"$prepared"
  unset bench_key
  files=$(ls "$dir"/*.zip | wc -l); bytes=$(du -L -cb "$dir"/*.zip | tail -1 | cut -f1)
  echo "bench: $set: $files zip(s), $((bytes / 1048576)) MiB, $layer $year" >&2
  rows_file="$results/$set.rows"
  for ((round = 0; round < rounds; round++)); do
    for ((i = 0; i < ${#contenders[@]}; i++)); do
      contender=${contenders[$(((i + round) % ${#contenders[@]}))]}
      # Round 1 starts with the import, whose rows the floor then copies in every round.
      reset_db
      log="$results/$set.$contender.$round.log"
      case "$contender" in
        import) line=$(measure import "$log" "bench_import.$table" run_import "$dir" "$year" "$layer") ;;
        ogr2ogr) line=$(measure ogr2ogr "$log" "bench_ogr.$table" run_ogr "$dir" "$table") ;;
        shp2pgsql) line=$(measure shp2pgsql "$log" "bench_shp.$table" run_shp "$dir" "$table") ;;
        floor) line=$(measure floor "$log" "bench_floor.$table" run_floor "$table" "$rows_file") ;;
      esac
      echo "$line" >>"$results/$set.$contender"
      echo "bench: $set round $((round + 1)) $contender: $line (s, KiB, rows)" >&2
      if [ "$contender" = import ] && [ ! -f "$rows_file" ]; then  # untimed
        psql_q -c "DROP SCHEMA IF EXISTS bench_keep CASCADE" -c "CREATE SCHEMA bench_keep" \
          -c "CREATE TABLE bench_keep.$table (LIKE bench_import.$table)" \
          -c "\\copy (SELECT * FROM bench_import.$table) TO '$rows_file' WITH (FORMAT binary)"
        bench_key=$(psql_q -At -c "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
          WHERE i.indexrelid = to_regclass('bench_import.${table}_key')")
        export bench_key
        echo "bench: $set: every contender builds the GiST${bench_key:+ and the btree on $bench_key}, as the import did" >&2
      fi
    done
  done
  rm -f "$rows_file"
  for contender in "${contenders[@]}"; do
    [ -f "$results/$set.$contender" ] || continue
    read -r median min < <(cut -d' ' -f1 "$results/$set.$contender" | stats)
    rss=$(cut -d' ' -f2 "$results/$set.$contender" | sort -n | tail -1)
    rows=$(cut -d' ' -f3 "$results/$set.$contender" | tail -1)
    printf -v "median_$contender" '%s' "$median"
    table_lines+=("$(printf '| %s | %s | %.2f | %.2f | %.0f | %.0f |' "$set" "$contender" "$median" "$min" "$(awk -v r="$rows" -v m="$median" 'BEGIN { print r / m }')" "$((rss / 1024))")")
  done
  ratio() { [ -n "${2:-}" ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }' || echo "n/a"; }
  table_lines+=("| $set | **ratios** | import/ogr2ogr $(ratio "$median_import" "${median_ogr2ogr:-}") | import/shp2pgsql $(ratio "$median_import" "${median_shp2pgsql:-}") | import/floor $(ratio "$median_import" "${median_floor:-}") | |")
  if [[ "$set" == county-* ]] && [ -n "${median_floor:-}" ]; then
    per_file() { [ -n "${1:-}" ] && awk -v a="$1" -v f="$median_floor" -v n="$files" 'BEGIN { printf "%.3f", (a - f) / n }' || echo "n/a"; }
    table_lines+=("| $set | **s/file over the floor** ($files files) | import $(per_file "$median_import") | ogr2ogr $(per_file "${median_ogr2ogr:-}") | shp2pgsql $(per_file "${median_shp2pgsql:-}") | |")
  fi
  unset median_import median_ogr2ogr median_shp2pgsql median_floor
done
reset_db
psql_q -c "DROP SCHEMA IF EXISTS bench_keep CASCADE"
[ ${#table_lines[@]} -gt 0 ] || { echo "bench: no data set could be run ($sets): nothing was measured" >&2; exit 1; }

echo
echo "Benchmark: $(date -u +%Y-%m-%d), $machine, PostgreSQL $server, $rounds round(s), interleaved"
echo
echo "| data | contender | median s | min s | rows/s | peak RSS MiB |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${table_lines[@]}"
