#!/usr/bin/env bash
# Recommendations over HTTP against MariaDB: loads a synthetic shop (seed 1) into a scratch
# database (affinity_http_bench; reused when it already holds this shop), trains a model, serves,
# and runs wrk against GET /api/recommendations/customers/{id} for random customers.
#   [WARMUP=90s] [CONNECTIONS=32] bench/recommend-http.sh [--tuned] [customers products events]
#     [wrk duration]
# CONNECTIONS is how many requests wrk keeps in flight (a shop backend's connection pool).
# BENCH_DB=name uses another database holding the same shop (e.g. affinity_segment_bench, loaded by
# bench/segment-count.sh mariadb), after creating its marker table there by hand.
# The load runs with the server settings of docs/deploy-mysql.md. Serving runs with the server's
# own settings, or with --tuned with those of docs/deploy-mysql.md (a 2 GiB buffer pool); the
# server's settings are put back at the end.
set -euo pipefail
tuned=false
if [ "${1:-}" = "--tuned" ]; then
  tuned=true
  shift
fi
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
customers=${1:-1000000}
products=${2:-100000}
events=${3:-10000000}
duration=${4:-60s}
# Clean: without it the shaded service jar can keep classes of a module changed since (seen in
# this bench). Only the service and what it needs, so that bench/target (the model) stays.
./mvnw -q -B -ntp -o -DskipTests clean install -pl service -am
mkdir -p bench/target
key="bench-recommend-key-$(date +%s)"
db=${BENCH_DB:-affinity_http_bench}
export DB_NAME=$db DB_USER=root DB_PASSWORD= SHOP_API_KEY="$key" \
  MARKETING_API_KEY="$key-m" ADMIN_API_KEY="$key-a" MICRONAUT_CONFIG_FILES=config/application-mysql.yml \
  AFFINITY_DATA_DIR="$root/bench/target/http-data"
jar="java -Xmx8g -jar service/target/affinity.jar"
marker="shop-$customers-$products-$events"
flush=$(mariadb -h127.0.0.1 -uroot -N -e 'SELECT @@innodb_flush_log_at_trx_commit')
pool=$(mariadb -h127.0.0.1 -uroot -N -e 'SELECT @@innodb_buffer_pool_size')
restore() {
  kill ${service:-0} 2>/dev/null || true
  mariadb -h127.0.0.1 -uroot -e "SET GLOBAL innodb_flush_log_at_trx_commit=$flush; SET GLOBAL innodb_buffer_pool_size=$pool"
}
trap restore EXIT
if [ "$(mariadb -h127.0.0.1 -uroot -N -e "SELECT 1 FROM information_schema.tables WHERE table_schema = '$db' AND table_name = '$marker'" 2>/dev/null)" != "1" ]; then
  mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $db"
  mariadb -h127.0.0.1 -uroot -e "SET GLOBAL innodb_flush_log_at_trx_commit=2; SET GLOBAL innodb_buffer_pool_size=4294967296"
  /usr/bin/time -f "generate: %e s, max RSS %M KiB" $jar generate --customers "$customers" --products "$products" --events "$events"
  mariadb -h127.0.0.1 -uroot -e "SET GLOBAL innodb_flush_log_at_trx_commit=$flush; SET GLOBAL innodb_buffer_pool_size=$pool"
  mariadb -h127.0.0.1 -uroot -e "CREATE TABLE $db.\`$marker\` (done INT)"
fi
if $tuned; then
  mariadb -h127.0.0.1 -uroot -e "SET GLOBAL innodb_buffer_pool_size=2147483648"
fi
echo "MariaDB buffer pool $(mariadb -h127.0.0.1 -uroot -N -e 'SELECT @@innodb_buffer_pool_size DIV 1048576') MiB"
/usr/bin/time -f "train: %e s, max RSS %M KiB" $jar train
$jar serve > bench/target/http-service.log 2>&1 &
service=$!
for _ in $(seq 1 120); do
  curl -sf http://127.0.0.1:8080/health >/dev/null && break
  sleep 1
done
# Warm up (the JIT compiler needs a minute or more of load before the throughput settles; set
# WARMUP to change it), then measure, with the CPU time the service and MariaDB spent per request
# in the measured run: a figure that moves less than requests/s with the machine's other load.
wrk -t2 -c"${CONNECTIONS:-32}" -d"${WARMUP:-90s}" -s bench/recommend-http.lua http://127.0.0.1:8080 "$key-a" "$customers" > /dev/null
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
db=$(pidof mariadbd || pidof mysqld)
j0=$(cpu "$service"); d0=$(cpu "$db")
out=$(wrk -t2 -c"${CONNECTIONS:-32}" -d"$duration" --latency -s bench/recommend-http.lua http://127.0.0.1:8080 "$key-a" "$customers")
j1=$(cpu "$service"); d1=$(cpu "$db")
echo "$out"
n=$(echo "$out" | awk '/^requests [0-9]/ {print $2 + 0}')
hz=$(getconf CLK_TCK)
echo "CPU per request: service $(( (j1 - j0) * 1000000 / hz / n )) us, MariaDB $(( (d1 - d0) * 1000000 / hz / n )) us; load $(cut -d' ' -f1-3 /proc/loadavg)"
