#!/usr/bin/env bash
# Tomcat's floor under item 3's load (docs/PERFORMANCE.md, session 45): TomcatFloor.java (a servlet answering 204 and
# nothing else, on the Tomcat and the virtual threads Saola uses) loaded by wrk as cpu-per-update.sh loads Saola
# (64 clients, the same PATCH requests, WARMUP then 20 s counted); prints requests/s and the CPU per request of the
# JVM and of wrk. Needs JAVA_HOME, wrk, python3, and the jars a build of Saola left in the local Maven repository.
# Usage: bench/wrk/tomcat-floor.sh [port]
set -euo pipefail
PORT=${1:-18090}
HERE=$(cd "$(dirname "$0")" && pwd)
M2=${MAVEN_REPOSITORY:-$HOME/.m2/repository}
# the newest of each in the repository: the Tomcat of Saola's build, unless an older build left a newer one
CORE=$(ls "$M2"/org/apache/tomcat/embed/tomcat-embed-core/*/tomcat-embed-core-*.jar | grep -v sources | sort -V | tail -1)
ANNOTATIONS=$(ls "$M2"/jakarta/annotation/jakarta.annotation-api/*/jakarta.annotation-api-*.jar | grep -v sources | sort -V | tail -1)
DATA=$(mktemp -d)
"$JAVA_HOME/bin/java" -Xmx1g -cp "$CORE:$ANNOTATIONS" "$HERE/TomcatFloor.java" "$PORT" "$DATA" > /dev/null 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
source "$HERE/saola-bench.sh"      # counted_wrk
until curl -s -o /dev/null "http://127.0.0.1:$PORT/"; do
  kill -0 $PID 2>/dev/null || { echo "TomcatFloor stopped before it answered" >&2; exit 1; }
  sleep 0.5
done
export SAOLA_KEY=floor
wrk -t1 -c"${CLIENTS:-64}" -d"${WARMUP:-30s}" -s "$HERE/patch-attribute.lua" "http://127.0.0.1:$PORT" > /dev/null
jvm0=$(awk '{print $14 + $15}' "/proc/$PID/stat")
OUT=$(counted_wrk "$PORT")
jvm1=$(awk '{print $14 + $15}' "/proc/$PID/stat")
N=$(echo "$OUT" | awk '/requests in/ {print $1}')
python3 -c "
n=$N; hz=$(getconf CLK_TCK)
print('requests/s %.0f  CPU per request: JVM %.1f us; wrk %.1f us' % (n/20, ($jvm1-$jvm0)/hz*1e6/n, float(open('$DATA/wrk.cpu').read())*1e6/n))"
