/** Benchmarks and load drivers; every figure they print goes into docs/benchmarks.md. */
package io.affinity.bench;
