/**
 * Lift report benchmarks: the statistics on arm summaries (JMH) and the whole report on MariaDB
 * over a million recipients ({@code bench/lift-report.sh}).
 */
package io.affinity.bench.lift;
