#!/usr/bin/env bash
# Recommendations over HTTP, two builds compared in one run: serves the shop and model that
# bench/recommend-http.sh left (database affinity_http_bench, bench/target/http-data) with each
# given service jar in turn, warms up, measures, and prints requests/s, p99 and the CPU per request
# of the service and of MariaDB. Alternate the jars (old new old new) to see the spread.
#   [WARMUP=60s] [DURATION=30s] bench/recommend-http-ab.sh OLD.jar NEW.jar OLD.jar NEW.jar
# Build a jar with `./mvnw -o -q -DskipTests clean package -pl service -am` and copy
# service/target/affinity.jar away before checking out the other commit.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
key=abkey-0123456789abcdef
export DB_NAME=affinity_http_bench DB_USER=root DB_PASSWORD= SHOP_API_KEY="$key" \
  MARKETING_API_KEY="$key-m" ADMIN_API_KEY="$key-a" MICRONAUT_CONFIG_FILES=config/application-mysql.yml \
  AFFINITY_DATA_DIR="$root/bench/target/http-data"
pool=$(mariadb -h127.0.0.1 -uroot -N -e 'SELECT @@innodb_buffer_pool_size')
mariadb -h127.0.0.1 -uroot -e "SET GLOBAL innodb_buffer_pool_size=2147483648"
trap 'mariadb -h127.0.0.1 -uroot -e "SET GLOBAL innodb_buffer_pool_size=$pool"' EXIT
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
if [ "$#" -eq 0 ]; then
  echo "usage: bench/recommend-http-ab.sh JAR [JAR ...]" >&2
  exit 2
fi
for jar in "$@"; do
  java -Xmx8g -jar "$jar" serve > /tmp/ab-service.log 2>&1 &
  svc=$!
  for _ in $(seq 1 120); do curl -sf http://127.0.0.1:8080/health >/dev/null && break; sleep 1; done
  wrk -t2 -c24 -d${WARMUP:-40s} -s bench/recommend-http.lua http://127.0.0.1:8080 "$key-a" 1000000 > /dev/null
  db=$(pidof mariadbd)
  j0=$(cpu $svc); d0=$(cpu $db)
  out=$(wrk -t2 -c24 -d${DURATION:-20s} --latency -s bench/recommend-http.lua http://127.0.0.1:8080 "$key-a" 1000000)
  j1=$(cpu $svc); d1=$(cpu $db)
  n=$(echo "$out" | awk '/^requests [0-9]/ {print $2 + 0}')
  rps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '/^p99 / {print $2}')
  echo "$(basename $jar): $rps req/s, p99 $p99 ms, CPU/request service $(( (j1 - j0) * 1000000 / hz / n )) us, MariaDB $(( (d1 - d0) * 1000000 / hz / n )) us; load $(cut -d' ' -f1 /proc/loadavg)"
  kill $svc; wait $svc 2>/dev/null
done
