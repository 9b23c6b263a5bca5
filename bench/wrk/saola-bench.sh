# Sourced by cpu-per-update.sh, write-floor.sh and tomcat-floor.sh (not run alone): Saola started as the bench starts it, the 1 000
# entities urn:ngsi-ld:BenchUpdate:0..999 the PATCH requests go to, and wrk's counted run with its own CPU.
# The sourcing script sets HERE and DATA (and JAR, PORT, PASSWORD and PID= before its EXIT trap to start Saola).

# Starts saola.jar (-Xmx4g and SAOLA_JAVA_OPTS, a fresh data directory, simulator off, Saola arguments in "$@"),
# sets PID and waits until it answers.
start_saola() {
  "$JAVA_HOME/bin/java" -Xmx4g ${SAOLA_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --saola.data-dir="$DATA" \
    --saola.mqtt.port=0 --saola.admin.password="$PASSWORD" --saola.simulator.enabled=false "$@" > "$DATA/saola.out" 2>&1 &
  PID=$!
  until curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null; do
    kill -0 $PID 2>/dev/null || { echo "saola.jar stopped before it answered; its output:" >&2; tail -40 "$DATA/saola.out" >&2; exit 1; }
    sleep 1
  done
}

# Creates the 1 000 entities, each with a temperature of 20, by one batch upsert as the administrator.
create_bench_entities() {
  python3 -c '
import json
print(json.dumps([{"id": "urn:ngsi-ld:BenchUpdate:%d" % i, "type": "BenchUpdate",
                   "temperature": {"type": "Property", "value": 20}} for i in range(1000)]))' > "$DATA/entities.json"
  curl -sf -u "admin:$PASSWORD" -H 'Content-Type: application/json' --data @"$DATA/entities.json" \
    "http://127.0.0.1:$PORT/ngsi-ld/v1/entityOperations/upsert" > /dev/null
}

# A statement to the embedded PostgreSQL, as its superuser over the loopback.
sql() {
  psql -qAtX -h 127.0.0.1 -p "$(sed -n 4p "$DATA/postgres/postmaster.pid")" -U postgres -d saola -c "$1"
}

# wrk's counted run (20 s, CLIENTS or 64 connections) against the port given: prints wrk's output, and writes wrk's
# own CPU seconds (its rusage, read by the python3 process that waited for it) to $DATA/wrk.cpu.
counted_wrk() {
  python3 -c '
import resource, subprocess, sys
out = subprocess.run(sys.argv[2:], capture_output=True, text=True).stdout
u = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write("%f" % (u.ru_utime + u.ru_stime))
print(out)' "$DATA/wrk.cpu" wrk -t1 -c"${CLIENTS:-64}" -d20s -s "$HERE/patch-attribute.lua" "http://127.0.0.1:$1"
}

# Reads wrk's output (the first argument): sets NON2XX, its answers other than 2xx (0 if none), and UPDATES, its 2xx
# answers. wrk counts every answer among its requests, a 429 of the key's rate limit too (session 48), so only the
# 2xx ones are updates.
count_answers() {
  NON2XX=$(echo "$1" | awk '/Non-2xx/ {print $5}')
  NON2XX=${NON2XX:-0}
  UPDATES=$(( $(echo "$1" | awk '/requests in/ {print $1}') - NON2XX ))
}
