#!/usr/bin/env bash
# Media benchmark (issue 10). Builds the jar, starts it as its own process with a small heap and its embedded
# PostgreSQL on a fixed port, and runs the media load client against both. Prints each figure beside a limit measured
# in the same run on the same machine, and writes target/bench-media/results.md. Not part of the test phase.
#
#   bench/media.sh                                   # 10,000 JPEGs (480×360, ~1 GB), 200 readers, COCO 1,000 and 10,000 images × 100 boxes
#   bench/media.sh --images=500 --readers=50 --seconds=10 --coco-images=200,1000   # a quick run
#
# M1 import of --images generated JPEGs in one zip (thumbnails included) vs `unzip` + `sha256sum` of the same file,
#    heap before / max during / after;
# M2 image bytes to --readers concurrent readers (GET /api/v1/media/{id}), p99 vs the same bytes served from memory by
#    the JDK's own HttpServer (com.sun.net.httpserver) to the same client;
# M3 COCO export of --coco-images=A,B approved images × --objects boxes: objects/s vs COPY (the export's query) TO
#    STDOUT, peak heap at both sizes (constant heap: B/A ≈ 1).
# Other flags: --image-px=480x360, --seconds=20 (M2 per server, after a warm-up of a quarter of it, at least 5 s).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18091}
PG_PORT=${BENCH_PG_PORT:-54391}
HEAP=${BENCH_HEAP:-384m}
DATA=target/bench-media/data
PASSWORD=bench-admin-password

if [ "${BENCH_NO_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -DskipTests -Dskip.e2e=true package
fi
mkdir -p target/bench-media
./mvnw -q -B -Dskip.npm=true -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-media/classpath.txt \
  -Dmdep.includeScope=test >/dev/null

MACHINE="$(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM; app -Xmx$HEAP, PostgreSQL 17 (embedded), local blob store and the load client on the same machine; load average at start $(cut -d' ' -f1 /proc/loadavg)"
APP=
trap '[ -n "$APP" ] && kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
ulimit -n 65536 2>/dev/null || true
rm -rf "$DATA" && mkdir -p "$DATA"
SERVER_PORT=$PORT LABELCREW_DATA_DIR=$DATA LABELCREW_EMBEDDED_PG_PORT=$PG_PORT LABELCREW_ADMIN_PASSWORD=$PASSWORD \
LABELCREW_MAX_UPLOAD=8GB \
  java -Xmx$HEAP -XX:+UseParallelGC ${BENCH_JAVA_OPTS:-} -jar target/labelcrew.jar >target/bench-media/app.log 2>&1 &
APP=$!
for _ in $(seq 1 180); do
  curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
PG_PASSWORD=$(cat "$DATA/postgres.password")
java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-media/classpath.txt)" org.labelcrew.bench.MediaBenchmark \
  --base="http://localhost:$PORT" --pg="jdbc:postgresql://localhost:$PG_PORT/postgres?user=postgres&password=$PG_PASSWORD" \
  --admin-password=$PASSWORD --heap=$HEAP --machine="$MACHINE" "$@"
