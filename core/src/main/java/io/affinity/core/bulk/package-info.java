/**
 * Loading many rows at once: multi-row {@code INSERT IGNORE} statements and id lookups in chunks,
 * for the bulk paths of customers, households and products (the synthetic shop writes a million
 * customers; one round trip per row would take minutes), and reading many rows as a stream.
 */
package io.affinity.core.bulk;
