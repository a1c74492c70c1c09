#!/usr/bin/env bash
# Segment count on the embedded H2 database over the same 1M-customer shop as the MariaDB run,
# without loading it through ingest (over two hours on a shared machine): creates the H2 schema
# with a tiny shop, then copies customers, households, products, metrics and behaviour facts from
# the MariaDB bench database (affinity_segment_bench, filled by `bench/segment-count.sh mariadb`)
# with H2 linked tables, plus the last 20,000 events (a count reads no other event: the facts'
# catch-up reads only ids past its mark), and times the counts. The naive-SQL baseline needs every
# event, so on this copy it reports a mismatch; the compiled SQL over the facts is the same run's
# baseline. Takes about 6 minutes.
#   bench/segment-count-h2-copy.sh [dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dir=${1:-bench/target/segment-bench-h2-copy}
./mvnw -q -B -ntp -DskipTests package -pl bench -am
cp="bench/target/affinity-bench.jar:$(cat bench/target/classpath.txt)"
last=$(mariadb -h127.0.0.1 -uroot -N -e 'SELECT last_event_id FROM affinity_segment_bench.segment_facts_progress')
rm -rf "$dir"
java -cp "$cp" io.affinity.bench.segments.SegmentCountBench --db h2 --customers 10 --products 20 \
  --events 100 --runs 1 --baseline-runs 1 --dir "$dir" > /dev/null || true
sed "s/__FROM__/$((last - 20000))/; s/__LAST__/$last/" bench/sql/segment-h2-from-mariadb.sql > "$dir/copy.sql"
java -Xmx6g -cp "$cp" org.h2.tools.RunScript \
  -url "jdbc:h2:file:$(cd "$dir" && pwd)/h2/affinity;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CACHE_SIZE=1048576" \
  -user sa -password "" -script "$dir/copy.sql"
java -Xmx4g -cp "$cp" io.affinity.bench.segments.SegmentCountBench --db h2 --customers 1000000 \
  --products 100000 --events 10000000 --runs 15 --baseline-runs 1 --dir "$dir" || true
