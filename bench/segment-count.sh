#!/usr/bin/env bash
# Segment count over a synthetic shop (seed 1; default 1M customers, 100k products, 10M events), on
# the embedded H2 default or on MariaDB, with a naive-SQL baseline in the same run.
#   bench/segment-count.sh [h2|mariadb] [customers products events]
# The shop is loaded once and kept (H2: bench/target/segment-bench/h2; MariaDB: database
# affinity_segment_bench); drop them to reload. Nothing is installed into ~/.m2.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
db=${1:-h2}
customers=${2:-1000000}
products=${3:-100000}
events=${4:-10000000}
./mvnw -q -B -ntp -DskipTests package -pl bench -am
java -Xmx4g -cp "bench/target/affinity-bench.jar:$(cat bench/target/classpath.txt)" \
  io.affinity.bench.segments.SegmentCountBench --db "$db" \
  --customers "$customers" --products "$products" --events "$events"
