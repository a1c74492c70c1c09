#!/usr/bin/env bash
# Sustained ingest through POST /api/events into MariaDB, with a plain-JDBC baseline in the same
# run. Starts the service against a scratch database (affinity_bench), runs the load, stops it.
#   bench/ingest-mariadb.sh [--tuned] [--events N] [--threads T] [--batch B]
# --tuned runs with the production settings of docs/deploy-mysql.md (innodb_flush_log_at_trx_commit=2,
# a 2 GiB buffer pool) and puts the server's defaults back afterwards.
set -euo pipefail
tuned=false
if [ "${1:-}" = "--tuned" ]; then
  tuned=true
  shift
fi
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./mvnw -q -B -ntp -o -DskipTests install
key="bench-ingest-key-$(date +%s)"
flush=$(mariadb -h127.0.0.1 -uroot -N -e 'SELECT @@innodb_flush_log_at_trx_commit')
pool=$(mariadb -h127.0.0.1 -uroot -N -e 'SELECT @@innodb_buffer_pool_size')
if $tuned; then
  mariadb -h127.0.0.1 -uroot -e "SET GLOBAL innodb_flush_log_at_trx_commit=2; SET GLOBAL innodb_buffer_pool_size=2147483648"
fi
echo "MariaDB: innodb_flush_log_at_trx_commit=$(mariadb -h127.0.0.1 -uroot -N -e 'SELECT @@innodb_flush_log_at_trx_commit'), buffer pool $(mariadb -h127.0.0.1 -uroot -N -e 'SELECT @@innodb_buffer_pool_size DIV 1048576') MiB"
mariadb -h127.0.0.1 -uroot -e 'DROP DATABASE IF EXISTS affinity_bench'
export DB_NAME=affinity_bench DB_USER=root DB_PASSWORD= SHOP_API_KEY="$key" \
  MARKETING_API_KEY="$key-m" ADMIN_API_KEY="$key-a"
MICRONAUT_CONFIG_FILES=config/application-mysql.yml AFFINITY_DATA_DIR=$(mktemp -d) \
  java -Xmx2g ${SERVICE_JAVA_OPTS:-} -jar service/target/affinity.jar serve > bench/target/ingest-service.log 2>&1 &
service=$!
restore() {
  kill $service 2>/dev/null || true
  if $tuned; then
    mariadb -h127.0.0.1 -uroot -e "SET GLOBAL innodb_flush_log_at_trx_commit=$flush; SET GLOBAL innodb_buffer_pool_size=$pool"
  fi
}
trap restore EXIT
for _ in $(seq 1 60); do
  curl -sf http://127.0.0.1:8080/health >/dev/null && break
  sleep 1
done
java -cp "bench/target/affinity-bench.jar:$(cat bench/target/classpath.txt)" io.affinity.bench.IngestLoad \
  --key "$key" --baseline-jdbc "jdbc:mysql://127.0.0.1:3306/affinity_bench?user=root&useSSL=false&allowPublicKeyRetrieval=true&useServerPrepStmts=true&cachePrepStmts=true&prepStmtCacheSqlLimit=1000000" "$@"
