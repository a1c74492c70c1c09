/** The segment-count benchmark: a five-condition rule tree over a 1M-customer synthetic shop. */
package io.affinity.bench.segments;
