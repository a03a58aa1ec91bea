#!/usr/bin/env bash
# Performance benchmark P6 (academy issue): the minute registration opens. Builds the jar, starts it as its own
# process with its embedded PostgreSQL on a fixed port, and fires 2,000 simultaneous registrations over HTTP at a
# 30-seat cohort. Prints p99 and the counts beside the limits (p99 ≤ 200 ms, exactly 30 REGISTERED, 1,970 WAITLISTED
# in arrival order); exits non-zero if one is missed. Not part of the test phase.
#
#   bench/registration.sh                        # 2,000 people, 30 seats
#   bench/registration.sh --people=500 --capacity=30
#   BENCH_NO_BUILD=1 bench/registration.sh       # reuse target/labelcrew.jar
#   BENCH_SYNCHRONOUS_COMMIT=off bench/registration.sh   # PostgreSQL's synchronous_commit off (default on)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18091}
PG_PORT=${BENCH_PG_PORT:-54391}
HEAP=${BENCH_HEAP:-512m}
DATA=target/bench-registration/data
PASSWORD=bench-admin-password
mkdir -p target/bench-registration

if [ "${BENCH_NO_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -DskipTests -Dskip.e2e=true package
fi
./mvnw -q -B -Dskip.npm=true -Pbench test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-registration/classpath.txt -Dmdep.includeScope=test >/dev/null

rm -rf "$DATA" && mkdir -p "$DATA"
# Room for 2,000 simultaneous connections: Tomcat's default accept queue is far smaller.
SERVER_PORT=$PORT LABELCREW_DATA_DIR=$DATA LABELCREW_EMBEDDED_PG_PORT=$PG_PORT LABELCREW_ADMIN_PASSWORD=$PASSWORD \
SERVER_TOMCAT_ACCEPT_COUNT=2000 LABELCREW_DB_SYNCHRONOUS_COMMIT=${BENCH_SYNCHRONOUS_COMMIT:-on} \
  java -Xmx$HEAP -XX:+UseParallelGC -jar target/labelcrew.jar >target/bench-registration/app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done

# The embedded PostgreSQL requires its generated password (SCRAM), kept in the data directory.
PG_PASSWORD=$(cat "$DATA/postgres.password")
MACHINE="$(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM; app -Xmx$HEAP, PostgreSQL 17 (embedded) and the load client on the same machine"
ulimit -n 65536 2>/dev/null || true
java -Xmx1g -Xss256k -cp "target/test-classes:target/classes:$(cat target/bench-registration/classpath.txt)" \
  org.labelcrew.academy.RegistrationBench --base="http://localhost:$PORT" \
  --pg="jdbc:postgresql://localhost:$PG_PORT/postgres?user=postgres&password=$PG_PASSWORD" --admin-password=$PASSWORD --machine="$MACHINE" "$@"
