#!/usr/bin/env bash
# Sustained ingest through POST /api/events into MariaDB, with a plain-JDBC baseline in the same
# run. Starts the service against a scratch database (affinity_bench), runs the load, stops it.
#   bench/ingest-mariadb.sh [--events N] [--threads T] [--batch B]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./mvnw -q -B -ntp -DskipTests install
key="bench-ingest-key-$(date +%s)"
mariadb -h127.0.0.1 -uroot -e 'DROP DATABASE IF EXISTS affinity_bench'
export DB_NAME=affinity_bench DB_USER=root DB_PASSWORD= SHOP_API_KEY="$key" \
  MARKETING_API_KEY="$key-m" ADMIN_API_KEY="$key-a"
MICRONAUT_CONFIG_FILES=config/application-mysql.yml AFFINITY_DATA_DIR=$(mktemp -d) \
  java -Xmx2g -jar service/target/affinity.jar serve > bench/target/ingest-service.log 2>&1 &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf http://127.0.0.1:8080/health >/dev/null && break
  sleep 1
done
java -cp "bench/target/affinity-bench.jar:$(cat bench/target/classpath.txt)" io.affinity.bench.IngestLoad \
  --key "$key" --baseline-jdbc "jdbc:mysql://127.0.0.1:3306/affinity_bench?user=root&useSSL=false&allowPublicKeyRetrieval=true" "$@"
