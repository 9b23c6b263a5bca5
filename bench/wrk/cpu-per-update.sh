#!/usr/bin/env bash
# CPU per partial update, as docs/PERFORMANCE.md measures it: starts a saola.jar the way the bench does
# (-Xmx4g, fresh data directory, simulator off), creates the 1 000 entities urn:ngsi-ld:BenchUpdate:0..999
# and an OPERATOR key, runs wrk twice (a warm-up of WARMUP, 60s unless set, then a counted 20 s run) and prints
# updates/s and the CPU spent per update by the JVM and by PostgreSQL (utime + stime from /proc, children included),
# and by wrk itself (its rusage); then the JVM's CPU by kind of thread (jvm-cpu.py) and PostgreSQL's by kind of
# process (pg-cpu.py).
# (Until 2026-12-03 the warm-up was 20 s; the application has since grown so that its JIT compiler still took
# ~0.4 cores in a counted window after 20 s, less after 60 s: compare jars with the same warm-up. Session 47 read it
# by thread: after 60 s the JIT still took 3 to 36 µs per update from run to run, so compare the JVM without it too.)
# Usage: bench/wrk/cpu-per-update.sh path/to/saola.jar [port]     (needs wrk, curl, python3, JAVA_HOME)
# Extra JVM options (a JFR recording, say) go in SAOLA_JAVA_OPTS, extra Saola arguments in SAOLA_ARGS
# (SAOLA_ARGS=--saola.context.lean-writes=false sends every PATCH through Spring Security and Spring MVC).
# With PG_STATEMENTS=1 (needs psql) PostgreSQL is
# started with pg_stat_statements and the counted run's costliest statements are printed after the figures.
# PREPARE_SQL (needs psql) is run in the embedded database after the entities are created and before the warm-up:
# for what-if measurements, e.g. PREPARE_SQL='DROP INDEX context_entity_value_observed' tells what that index costs.
set -euo pipefail
JAR=$1
PORT=${2:-18080}
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$(mktemp -d)
PASSWORD=bench-admin-password-1
PID=
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
source "$HERE/saola-bench.sh"
start_saola ${SAOLA_ARGS:-} \
  ${PG_STATEMENTS:+--saola.db.embedded-settings[shared_preload_libraries]=pg_stat_statements \
  --saola.db.embedded-settings[pg_stat_statements.track_planning]=on}
create_bench_entities
export SAOLA_KEY=$(curl -sf -u "admin:$PASSWORD" -H 'Content-Type: application/json' -d '{"name":"wrk","role":"OPERATOR"}' \
  "http://127.0.0.1:$PORT/api/v1/api-keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')

ticks() {   # utime + stime of the JVM (PostgreSQL's processes: pg-cpu.py)
  awk '{print $14 + $15}' "/proc/$PID/stat"
}

if [ -n "${PREPARE_SQL:-}" ]; then sql "$PREPARE_SQL"; fi
wrk -t1 -c"${CLIENTS:-64}" -d"${WARMUP:-60s}" -s "$HERE/patch-attribute.lua" "http://127.0.0.1:$PORT" > /dev/null
if [ -n "${PG_STATEMENTS:-}" ]; then
  sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" > /dev/null
  sql "SELECT pg_stat_statements_reset(), pg_stat_reset(), pg_stat_reset_shared('wal')" > /dev/null
fi
# The machine's own speed just before and after the counted run: one core's time for a fixed loop, lower when the
# machine is faster (these machines' speed moves by a third from one run to the next; docs/PERFORMANCE.md, session 39).
calibrate() { python3 -c 'import time
t = time.process_time()
s = 0
for i in range(10_000_000): s += i
print("%.0f" % ((time.process_time() - t) * 1000))'; }
POSTMASTER=$(head -1 "$DATA/postgres/postmaster.pid")
CAL0=$(calibrate)
jvm0=$(ticks)
read -r _ u0 n0 s0 i0 w0 q0 sq0 st0 _ < /proc/stat   # the machine's own ticks: idle (+ iowait) and steal
python3 "$HERE/pg-cpu.py" snapshot "$POSTMASTER" "$DATA/pg0.json"
python3 "$HERE/jvm-cpu.py" snapshot "$PID" "$DATA/jvm0.json"
OUT=$(counted_wrk "$PORT")     # wrk's own CPU (it shares the two cores) goes to $DATA/wrk.cpu
jvm1=$(ticks)
read -r _ u1 n1 s1 i1 w1 q1 sq1 st1 _ < /proc/stat
python3 "$HERE/jvm-cpu.py" snapshot "$PID" "$DATA/jvm1.json"
python3 "$HERE/pg-cpu.py" snapshot "$POSTMASTER" "$DATA/pg1.json"
CAL1=$(calibrate)
count_answers "$OUT"     # UPDATES (the 2xx answers, which the figures per update are divided by) and NON2XX
HZ=$(getconf CLK_TCK)
PG_TICKS=$(python3 "$HERE/pg-cpu.py" ticks "$DATA/pg0.json" "$DATA/pg1.json")
python3 -c "
n=$UPDATES; hz=$HZ
jvm=($jvm1-$jvm0)/hz*1e6/n; total=jvm+$PG_TICKS/hz*1e6/n
wrk=float(open('$DATA/wrk.cpu').read())*1e6/n
if $NON2XX: print('WARNING: $NON2XX answers were not 2xx (429 is the key rate limit: saola.rate-limits.caller-per-second); they are not counted as updates, though their CPU is in the figures')
print('updates/s %.0f  non-2xx %s  CPU per update: JVM %.0f us, PostgreSQL %.0f us, total %.0f us; wrk %.0f us' % (n/20, '$NON2XX', jvm, total-jvm, total, wrk))
busy=($u1+$n1+$s1+$q1+$sq1)-($u0+$n0+$s0+$q0+$sq0); idle=($i1+$w1)-($i0+$w0); steal=$st1-$st0; every=busy+idle+steal
print('the machine in the counted run: busy %.0f %%, idle %.0f %% (waiting for the disk %.0f %%), stolen %.0f %% of its cores; a fixed loop took $CAL0 ms before it, $CAL1 ms after' % (100*busy/every, 100*idle/every, 100*($w1-$w0)/every, 100*steal/every))"
echo "The JVM's CPU by kind of thread:"
python3 "$HERE/jvm-cpu.py" delta "$DATA/jvm0.json" "$DATA/jvm1.json" "$UPDATES"
echo "PostgreSQL's CPU by kind of process:"
python3 "$HERE/pg-cpu.py" delta "$DATA/pg0.json" "$DATA/pg1.json" "$UPDATES"
if [ -n "${PG_STATEMENTS:-}" ]; then
  echo "PostgreSQL's statements in the counted run (µs per update executing, planning, ms, calls, rows, statement):"
  sql "SELECT round(total_exec_time * 1000 / $UPDATES), round(total_plan_time * 1000 / $UPDATES), round(total_exec_time), calls, rows,
         left(regexp_replace(query, '\s+', ' ', 'g'), 150) FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15"
  echo "WAL per update (records, full-page images, bytes):"
  sql "SELECT round(wal_records::numeric / $UPDATES, 1), round(wal_fpi::numeric / $UPDATES, 2), round(wal_bytes / $UPDATES)
         FROM pg_stat_wal"
  echo "Rows per update by table (inserted, updated, of which HOT, deleted), and checkpoints in the run:"
  sql "SELECT relname, round(n_tup_ins::numeric / $UPDATES, 2), round(n_tup_upd::numeric / $UPDATES, 2),
         round(n_tup_hot_upd::numeric / $UPDATES, 2), round(n_tup_del::numeric / $UPDATES, 2)
         FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY 1"
  sql "SELECT checkpoints_timed, checkpoints_req FROM pg_stat_bgwriter" 2>/dev/null \
    || sql "SELECT num_timed, num_requested FROM pg_stat_checkpointer"
fi
