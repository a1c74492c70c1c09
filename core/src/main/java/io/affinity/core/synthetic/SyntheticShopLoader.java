package io.affinity.core.synthetic;

import io.affinity.core.customer.CustomerBulkInsert;
import io.affinity.core.event.EventIngestor;
import io.affinity.core.event.EventInput;
import io.affinity.core.event.EventValidator;
import io.affinity.core.event.IngestResult;
import io.affinity.core.household.HouseholdBulkInsert;
import io.affinity.core.product.ProductBulkInsert;
import io.affinity.core.product.ProductInput;
import io.affinity.core.progress.ProgressListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a synthetic shop into the database: households, customers and products with the bulk
 * inserts, then the events through {@link EventIngestor} in batches of {@value #EVENT_BATCH}.
 *
 * <p>Loading the same spec again adds nothing: households, customers and products already stored
 * are left as they are, and events have deterministic ids ({@code <idPrefix>e<n>}). A load that
 * fails part-way can be run again to complete it.
 */
@Singleton
public class SyntheticShopLoader {
  /** Events per ingest batch, the most one batch may hold. */
  public static final int EVENT_BATCH = EventValidator.MAX_BATCH;

  private static final int ROW_BATCH = 5_000;

  private final HouseholdBulkInsert households;
  private final CustomerBulkInsert customers;
  private final ProductBulkInsert products;
  private final EventIngestor ingestor;

  public SyntheticShopLoader(
      HouseholdBulkInsert households,
      CustomerBulkInsert customers,
      ProductBulkInsert products,
      EventIngestor ingestor) {
    this.households = households;
    this.customers = customers;
    this.products = products;
    this.ingestor = ingestor;
  }

  /**
   * Generates the shop of {@code spec} and stores it, reporting one progress phase per kind of row.
   *
   * @throws IllegalArgumentException if the history ends more than a day in the future (the ingest
   *     would refuse those events)
   */
  public LoadSummary load(ShopSpec spec, ProgressListener progress) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(progress, "progress");
    if (spec.end().isAfter(Instant.now().plus(Duration.ofDays(1)))) {
      throw new IllegalArgumentException(
          "end must not be in the future to load a shop, got " + spec.end());
    }
    long started = System.nanoTime();
    SyntheticShop shop = SyntheticShop.generate(spec);

    progress.start("Households", shop.householdCount());
    long householdsCreated = 0;
    for (var it = Chunks.of(shop.households(), ROW_BATCH); it.hasNext(); ) {
      var chunk = it.next();
      householdsCreated += households.insertNew(chunk);
      progress.advance(chunk.size());
    }
    progress.finish();

    progress.start("Customers", spec.customers());
    long customersCreated = 0;
    for (var it = Chunks.of(shop.customers(), ROW_BATCH); it.hasNext(); ) {
      var chunk = it.next();
      customersCreated += customers.insertNew(chunk);
      progress.advance(chunk.size());
    }
    progress.finish();

    progress.start("Products", spec.products());
    long productsCreated = 0;
    List<ProductInput> all = shop.products();
    for (int from = 0; from < all.size(); from += ROW_BATCH) {
      List<ProductInput> chunk = all.subList(from, Math.min(all.size(), from + ROW_BATCH));
      productsCreated += products.insertNew(chunk);
      progress.advance(chunk.size());
    }
    progress.finish();

    progress.start("Events", spec.events());
    IngestResult events = IngestResult.empty();
    for (Iterator<List<EventInput>> it = Chunks.of(shop.events(), EVENT_BATCH); it.hasNext(); ) {
      List<EventInput> batch = it.next();
      events = events.plus(ingestor.ingest(batch));
      progress.advance(batch.size());
      progress.message(String.format(Locale.ROOT, "%,d stored", events.stored()));
    }
    progress.finish();

    return new LoadSummary(
        shop.householdCount(),
        householdsCreated,
        spec.customers(),
        customersCreated,
        spec.products(),
        productsCreated,
        spec.events(),
        events.stored(),
        events.duplicates(),
        (System.nanoTime() - started) / 1_000_000);
  }
}
