#!/usr/bin/env bash
# Recommendations over HTTP: loads a synthetic shop into a fresh embedded database (or reuses the
# one in $AFFINITY_BENCH_DIR), trains, serves, and runs wrk against
# GET /api/recommendations/customers/{id} for random customers.
#   bench/recommend-http.sh [customers products events] [wrk duration]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
customers=${1:-1000000}
products=${2:-100000}
events=${3:-10000000}
duration=${4:-60s}
dir=${AFFINITY_BENCH_DIR:-$root/bench/target/http-data}
./mvnw -q -B -ntp -o -DskipTests install
key="bench-recommend-key-$(date +%s)"
export AFFINITY_DATA_DIR="$dir" AFFINITY_API_KEYS_BENCH_KEY="$key" AFFINITY_API_KEYS_BENCH_SCOPES=admin
jar="java -Xmx8g -jar service/target/affinity.jar"
if [ ! -f "$dir/loaded-$customers-$products-$events" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  /usr/bin/time -f "generate: %e s, max RSS %M KiB" $jar generate --customers "$customers" --products "$products" --events "$events"
  /usr/bin/time -f "train: %e s, max RSS %M KiB" $jar train
  touch "$dir/loaded-$customers-$products-$events"
fi
$jar serve > bench/target/http-service.log 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf http://127.0.0.1:8080/health >/dev/null && break
  sleep 1
done
# Warm up, then measure.
wrk -t2 -c16 -d15s -s bench/recommend-http.lua http://127.0.0.1:8080 "$key" "$customers" > /dev/null
wrk -t2 -c32 -d"$duration" --latency -s bench/recommend-http.lua http://127.0.0.1:8080 "$key" "$customers"
