#!/usr/bin/env bash
# Capacity benchmark (issue 14). Builds the jar, starts it as its own process with a small heap and its embedded
# PostgreSQL on a fixed port, and runs the load client against both. Prints each figure beside its limit — where the
# limit is what PostgreSQL does with the same work (pgbench, COPY), measured in the same run, as a share of it — and
# writes target/bench/results.md. Not part of the test phase (./mvnw verify never runs it).
#
#   bench/run.sh                              # everything at --scale=1M (1,000,000 items and queue tasks)
#   bench/run.sh --scale=100k --seconds=10    # a quick run (CI, a laptop)
#   bench/run.sh --scale=10M --seconds=60     # the national scale: 10,000,000 items imported, exported, listed
#   bench/run.sh --only=P3,P4 --labelers-start=250 --labelers-max=8000
#   bench/run.sh --synchronous-commit=both    # every figure twice: PostgreSQL's synchronous_commit off, then on
#
# Figures: P1 import vs raw COPY (and flat throughput and heap over the import), P2 export vs COPY TO STDOUT, P3 the
# most labelers served at a human pace (open model, --think-ms=10000 mean), P4 pairs/s vs pgbench of the pair's SQL,
# P5 task list and filtered count at --scale tasks, P6 registrations/s vs pgbench of academy_register, P7 heap with
# --sessions=1000 signed-in sessions labeling, P8 next-task p99 during a 1M import vs without it.
# Other flags: --warmup=10 --seconds=30 (per load step), --clients=16 (P4/P6 connections, app and pgbench alike),
# --registrations=6000, --p8-labelers=N (default: P3's result).
#
# pgbench (P4, P6) is not in the embedded PostgreSQL's bundle: it comes with the distribution's client package
# (Debian/Ubuntu: apt-get install postgresql-client; pgbench 15+ drives PostgreSQL 17). BENCH_PGBENCH=/path names one.
# --synchronous-commit=on|off|both (default on, the product's default): the embedded PostgreSQL's synchronous_commit
# (LABELCREW_DB_SYNCHRONOUS_COMMIT); "both" runs everything once per setting and keeps
# target/bench/results-synchronous-commit-{off,on}.md.
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
ulimit -n 65536 2>/dev/null || true
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
    --admin-password=$PASSWORD --heap=$HEAP --pgbench="${BENCH_PGBENCH:-pgbench}" \
    --machine="$MACHINE; synchronous_commit=$MODE" ${ARGS[@]+"${ARGS[@]}"}
  cp target/bench/results.md "target/bench/results-synchronous-commit-$MODE.md" 2>/dev/null || true
  kill $APP 2>/dev/null; wait $APP 2>/dev/null || true
  APP=
done
