/**
 * Imports the UCI Online Retail transactions (541,909 order lines of a UK online shop, see {@code
 * shared/data/online-retail/SOURCE.md}) as customers, products and purchase and return events.
 *
 * <p>{@link io.affinity.core.importer.RetailCsvReader} streams the lines of the CSV file, gzipped
 * or not; {@link io.affinity.core.importer.LineClassifier} decides what each line becomes (a pure
 * function, so the cleaning rules are tested on hand-made lines); {@link
 * io.affinity.core.importer.OnlineRetailImporter} stores the result through the customer and
 * product services and the event ingest, and reports an {@link
 * io.affinity.core.importer.ImportSummary}.
 */
package io.affinity.core.importer;
