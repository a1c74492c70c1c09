/**
 * Serving benchmarks: a model trained in memory on a synthetic shop, queried in process through the
 * real serving code, against Mahout Taste's item-based recommender on the same data.
 */
package io.affinity.bench.serving;
