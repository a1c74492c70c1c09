#!/usr/bin/env bash
# The lift report end to end on MariaDB over a campaign of 1M recipients (generated on the first
# run into the database affinity_liftbench, reused afterwards), with the floor of the same run
# (counting recipients per arm) as baseline; then the JMH benchmark of the statistics.
#   bench/lift-report.sh [--recipients N] [--runs R]
# Drop the data with: mariadb -uroot -e 'DROP DATABASE affinity_liftbench'
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# clean package, not install: other worktrees share the local repository, and a stale shaded
# service jar would carry old migrations
./mvnw -q -B -ntp -DskipTests clean package -pl bench -am
cp="bench/target/affinity-bench.jar:$(cat bench/target/classpath.txt)"
java -Xmx2g -cp "$cp" io.affinity.bench.lift.LiftReportTiming "$@"
java -cp "$cp" org.openjdk.jmh.Main LiftStatisticsBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s
