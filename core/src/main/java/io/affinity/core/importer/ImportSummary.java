package io.affinity.core.importer;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Locale;

/**
 * What an import of the Online Retail file did. Every line read is counted exactly once: as a
 * purchase, a return, a duplicate or under one skip reason.
 *
 * @param linesRead data lines in the file, without the header
 * @param purchasesStored purchase events written by this import
 * @param returnsStored return events written by this import
 * @param duplicates purchase and return events that were already stored (an earlier import)
 * @param skippedNoCustomer lines without CustomerID
 * @param skippedNonProduct lines whose stock code is not a product (postage, fees, ...)
 * @param skippedZeroPrice lines with UnitPrice 0
 * @param skippedOther lines that are neither a sale nor a cancellation for another reason
 * @param customers distinct customers in the file, also those whose lines were all skipped
 * @param customersCreated customers that were not stored before
 * @param products distinct products in the stored purchases and returns
 * @param productsCreated products that were not stored before
 * @param elapsedMillis how long the import took
 */
@Serdeable
public record ImportSummary(
    long linesRead,
    long purchasesStored,
    long returnsStored,
    long duplicates,
    long skippedNoCustomer,
    long skippedNonProduct,
    long skippedZeroPrice,
    long skippedOther,
    long customers,
    long customersCreated,
    long products,
    long productsCreated,
    long elapsedMillis) {

  /** Lines skipped for any reason. */
  public long skipped() {
    return skippedNoCustomer + skippedNonProduct + skippedZeroPrice + skippedOther;
  }

  /** The summary as the command line prints it, one figure per line. */
  public String toText() {
    return String.format(
        Locale.ROOT,
        """
        Lines read                  %,12d
        Purchases stored            %,12d
        Returns stored              %,12d
        Already stored (duplicates) %,12d
        Skipped, no customer        %,12d
        Skipped, not a product      %,12d
        Skipped, zero price         %,12d
        Skipped, other              %,12d
        Customers                   %,12d  (%,d new)
        Products                    %,12d  (%,d new)
        Elapsed                     %,12.1f s
        """,
        linesRead,
        purchasesStored,
        returnsStored,
        duplicates,
        skippedNoCustomer,
        skippedNonProduct,
        skippedZeroPrice,
        skippedOther,
        customers,
        customersCreated,
        products,
        productsCreated,
        elapsedMillis / 1000.0);
  }
}
