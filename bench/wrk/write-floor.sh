#!/usr/bin/env bash
# The floor of item 3's partial updates (docs/PERFORMANCE.md, session 46): WriteFloor.java (Tomcat, Jackson, a group
# commit of Saola's own statements on Saola's own tables, nothing else) loaded by wrk as cpu-per-update.sh loads
# Saola: 64 clients, the same PATCH requests on the same 1 000 entities, WARMUP (60 s unless set) then 20 s counted.
# Saola's jar is started only for its embedded PostgreSQL and its schema, creates the entities, then stays idle while
# the floor writes into its database. Prints updates/s and the CPU per update of the floor's JVM, of PostgreSQL and
# of wrk, counted as cpu-per-update.sh counts them.
# STATEMENTS=entities-history writes the new states and history only, STATEMENTS=no-counts all but the value index's
# counts (WriteFloor.java says why). FLOOR_JAVA_OPTS go to the floor's JVM (a JFR recording, say). PREPARE_SQL is run in the database before the floor starts, as by cpu-per-update.sh.
# FLOOR_SESSION_SQL is run in each writer's session after Saola's planner settings, for what-ifs no Saola setting allows
# (FLOOR_SESSION_SQL='SET synchronous_commit = off': what waiting for each commit's flush costs the floor; session 48).
# Usage: bench/wrk/write-floor.sh path/to/saola.jar [port] [writers]   (needs wrk, curl, psql, unzip, python3, JAVA_HOME)
set -euo pipefail
JAR=$1
PORT=${2:-18080}
WRITERS=${3:-2}
FLOOR_PORT=$((PORT + 10))
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$(mktemp -d)
PASSWORD=bench-admin-password-1
PID=
FLOOR=
trap 'kill $FLOOR $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
source "$HERE/saola-bench.sh"
start_saola
create_bench_entities
PGPORT=$(sed -n 4p "$DATA/postgres/postmaster.pid")
if [ -n "${PREPARE_SQL:-}" ]; then sql "$PREPARE_SQL"; fi      # as cpu-per-update.sh: a what-if, before the floor starts
TENANT=$(sql "SELECT DISTINCT tenant_id FROM context_entity WHERE id = 'urn:ngsi-ld:BenchUpdate:0'")

mkdir "$DATA/lib"
unzip -q -j "$JAR" 'BOOT-INF/lib/tomcat-embed-core-*' 'BOOT-INF/lib/jakarta.annotation-api-*' 'BOOT-INF/lib/postgresql-*' \
  'BOOT-INF/lib/jackson-core-3*' 'BOOT-INF/lib/jackson-databind-3*' 'BOOT-INF/lib/jackson-annotations-*' -d "$DATA/lib"
"$JAVA_HOME/bin/java" -Xmx1g ${FLOOR_JAVA_OPTS:-} -cp "$DATA/lib/*" "$HERE/WriteFloor.java" "$FLOOR_PORT" "$DATA/tomcat" \
  "jdbc:postgresql://127.0.0.1:$PGPORT/saola?user=postgres" "$TENANT" "$WRITERS" "${STATEMENTS:-all}" > "$DATA/floor.out" 2>&1 &
FLOOR=$!
until curl -s -o /dev/null "http://127.0.0.1:$FLOOR_PORT/"; do
  kill -0 $FLOOR 2>/dev/null || { echo "WriteFloor stopped before it answered; its output:" >&2; cat "$DATA/floor.out" >&2; exit 1; }
  sleep 0.5
done
export SAOLA_KEY=floor
wrk -t1 -c"${CLIENTS:-64}" -d"${WARMUP:-60s}" -s "$HERE/patch-attribute.lua" "http://127.0.0.1:$FLOOR_PORT" > /dev/null
POSTMASTER=$(head -1 "$DATA/postgres/postmaster.pid")
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
floor0=$(ticks $FLOOR); saola0=$(ticks $PID)
commits() { sql "SELECT xact_commit FROM pg_stat_database WHERE datname = 'saola'"; }
COMMITS0=$(commits)
python3 "$HERE/pg-cpu.py" snapshot "$POSTMASTER" "$DATA/pg0.json"
python3 "$HERE/jvm-cpu.py" snapshot "$FLOOR" "$DATA/jvm0.json"
OUT=$(counted_wrk "$FLOOR_PORT")
python3 "$HERE/jvm-cpu.py" snapshot "$FLOOR" "$DATA/jvm1.json"
floor1=$(ticks $FLOOR); saola1=$(ticks $PID)
COMMITS1=$(commits)
python3 "$HERE/pg-cpu.py" snapshot "$POSTMASTER" "$DATA/pg1.json"
count_answers "$OUT"     # UPDATES (the 2xx answers) and NON2XX
HZ=$(getconf CLK_TCK)
PG_TICKS=$(python3 "$HERE/pg-cpu.py" ticks "$DATA/pg0.json" "$DATA/pg1.json")
ROWS=$(sql "SELECT count(*) FROM context_attribute_history WHERE entity_id LIKE 'urn:ngsi-ld:BenchUpdate:%'")
python3 -c "
n=$UPDATES; hz=$HZ
jvm=($floor1-$floor0)/hz*1e6/n; pg=$PG_TICKS/hz*1e6/n
print('updates/s %.0f  non-2xx %s  CPU per update: floor JVM %.0f us, PostgreSQL %.0f us, total %.0f us; wrk %.0f us; idle Saola %.0f us'
      % (n/20, '$NON2XX', jvm, pg, jvm+pg, float(open('$DATA/wrk.cpu').read())*1e6/n, ($saola1-$saola0)/hz*1e6/n))
print('updates per commit %.1f; history rows of the bench entities: $ROWS' % (n / ($COMMITS1 - $COMMITS0)))"
echo "The floor JVM's CPU by kind of thread:"
python3 "$HERE/jvm-cpu.py" delta "$DATA/jvm0.json" "$DATA/jvm1.json" "$UPDATES"
