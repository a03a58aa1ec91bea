#!/usr/bin/env bash
# Performance benchmark (P1–P5 of the Korean-text issue). Builds the jar, starts it as its own process with a small
# heap and its embedded PostgreSQL on a fixed port, and runs the load client against both. Prints each figure beside
# its limit and writes target/bench/results.md. Not part of the test phase.
#
#   bench/run.sh                          # everything, 1,000,000 items, 200 labelers, 30 s of load
#   bench/run.sh --items=100000 --only=P3,P4,P5 --seconds=10
#   bench/run.sh --synchronous-commit=both   # every figure twice: PostgreSQL's synchronous_commit off, then on
#
# --synchronous-commit=on|off|both (default on, the product's default): the embedded PostgreSQL's synchronous_commit
# (LABELCREW_DB_SYNCHRONOUS_COMMIT). "off" is what the figures before the durability change were measured with;
# "both" runs everything once per setting and keeps target/bench/results-synchronous-commit-{off,on}.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18090}
PG_PORT=${BENCH_PG_PORT:-54390}
HEAP=${BENCH_HEAP:-384m}
DATA=target/bench/data
PASSWORD=bench-admin-password

if [ "${BENCH_NO_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -DskipTests -Dskip.e2e=true package
fi
./mvnw -q -B -Dskip.npm=true -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/bench/classpath.txt \
  -Dmdep.includeScope=test >/dev/null

SYNC=on
ARGS=()
for a in "$@"; do
  case "$a" in
    --synchronous-commit=*) SYNC="${a#*=}" ;;
    *) ARGS+=("$a") ;;
  esac
done
case "$SYNC" in
  on|off) MODES=("$SYNC") ;;
  both) MODES=(off on) ;;
  *) echo "--synchronous-commit must be on, off or both (got $SYNC)" >&2; exit 2 ;;
esac

MACHINE="$(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM; app -Xmx$HEAP and PostgreSQL 17 (embedded) and the load client on the same machine"
APP=
trap '[ -n "$APP" ] && kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for MODE in "${MODES[@]}"; do
  rm -rf "$DATA" && mkdir -p "$DATA"
  SERVER_PORT=$PORT LABELCREW_DATA_DIR=$DATA LABELCREW_EMBEDDED_PG_PORT=$PG_PORT LABELCREW_ADMIN_PASSWORD=$PASSWORD \
  LABELCREW_MAX_UPLOAD=4GB LABELCREW_DB_SYNCHRONOUS_COMMIT=$MODE \
    java -Xmx$HEAP -XX:+UseParallelGC ${BENCH_JAVA_OPTS:-} -jar target/labelcrew.jar >target/bench/app.log 2>&1 &
  APP=$!
  for _ in $(seq 1 120); do
    curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
    sleep 1
  done
  # The embedded PostgreSQL requires its generated password (SCRAM), kept in the data directory.
  PG_PASSWORD=$(cat "$DATA/postgres.password")
  echo "== synchronous_commit=$MODE"
  java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" org.labelcrew.bench.Benchmark \
    --base="http://localhost:$PORT" --pg="jdbc:postgresql://localhost:$PG_PORT/postgres?user=postgres&password=$PG_PASSWORD" \
    --admin-password=$PASSWORD --machine="$MACHINE; synchronous_commit=$MODE" ${ARGS[@]+"${ARGS[@]}"}
  cp target/bench/results.md "target/bench/results-synchronous-commit-$MODE.md" 2>/dev/null || true
  kill $APP 2>/dev/null; wait $APP 2>/dev/null || true
  APP=
done
