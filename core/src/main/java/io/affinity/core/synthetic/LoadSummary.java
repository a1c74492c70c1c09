package io.affinity.core.synthetic;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Locale;

/**
 * What loading a synthetic shop did. A second load of the same spec creates nothing and finds every
 * event a duplicate.
 *
 * @param households shared households in the shop
 * @param householdsCreated households that were not stored before
 * @param customers customers in the shop
 * @param customersCreated customers that were not stored before
 * @param products products in the shop
 * @param productsCreated products that were not stored before
 * @param events events in the shop
 * @param eventsStored events written by this load
 * @param duplicates events that were already stored
 * @param elapsedMillis how long the load took
 */
@Serdeable
public record LoadSummary(
    long households,
    long householdsCreated,
    long customers,
    long customersCreated,
    long products,
    long productsCreated,
    long events,
    long eventsStored,
    long duplicates,
    long elapsedMillis) {

  /** The summary as the command line prints it, one figure per line. */
  public String toText() {
    return String.format(
        Locale.ROOT,
        """
        Households      %,12d  (%,d new)
        Customers       %,12d  (%,d new)
        Products        %,12d  (%,d new)
        Events          %,12d  (%,d stored, %,d already stored)
        Elapsed         %,12.1f s
        """,
        households,
        householdsCreated,
        customers,
        customersCreated,
        products,
        productsCreated,
        events,
        eventsStored,
        duplicates,
        elapsedMillis / 1000.0);
  }
}
