package io.affinity.core.importer;

import io.affinity.core.consent.ConsentSource;
import io.affinity.core.customer.CustomerInput;
import io.affinity.core.customer.CustomerService;
import io.affinity.core.event.EventIngestor;
import io.affinity.core.event.EventInput;
import io.affinity.core.event.EventType;
import io.affinity.core.event.IngestResult;
import io.affinity.core.product.ProductInput;
import io.affinity.core.product.ProductService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one import: the customers and products seen so far, the events waiting to be stored,
 * and the counts. Customers and products first seen in a batch are upserted before its events, so
 * that events never create stubs.
 */
final class ImportRun {
  /** Events per batch handed to the ingest. */
  static final int BATCH = 5_000;

  private static final String SOURCE = "import";

  private final CustomerService customerService;
  private final ProductService productService;
  private final EventIngestor ingestor;
  private final String eventIdPrefix;

  private final Set<String> customers = new HashSet<>();
  // Product code -> whether its price is known (from a purchase line) yet.
  private final Map<String, Boolean> priced = new HashMap<>();
  private final Map<String, CustomerInput> pendingCustomers = new LinkedHashMap<>();
  private final Map<String, ProductInput> pendingProducts = new LinkedHashMap<>();
  private final List<EventInput> purchases = new ArrayList<>();
  private final List<EventInput> returns = new ArrayList<>();

  private long linesRead;
  private long purchasesStored;
  private long returnsStored;
  private long duplicates;
  private long customersCreated;
  private long productsCreated;
  private final long[] skipped = new long[LineOutcome.values().length];

  /** Added to every event time (the demo moves old data so that it ends yesterday). */
  private final Duration shift;

  ImportRun(
      CustomerService customerService,
      ProductService productService,
      EventIngestor ingestor,
      String eventIdPrefix,
      Duration shift) {
    this.customerService = customerService;
    this.productService = productService;
    this.ingestor = ingestor;
    this.eventIdPrefix = eventIdPrefix;
    this.shift = shift;
  }

  /** Takes one line; stores a batch when enough events are waiting. */
  void accept(ClassifiedLine line) {
    linesRead++;
    String customer = line.customerId();
    if (customer != null && customers.add(customer)) {
      // The first line of a customer gives the country (a few customers appear with two).
      pendingCustomers.put(
          customer,
          new CustomerInput(
              customer,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              line.country(),
              null));
    }
    if (!line.outcome().isEvent()) {
      skipped[line.outcome().ordinal()]++;
      return;
    }
    boolean purchase = line.outcome() == LineOutcome.PURCHASE;
    noteProduct(line, purchase);
    (purchase ? purchases : returns)
        .add(
            new EventInput(
                eventIdPrefix + line.lineNumber(),
                (purchase ? EventType.PURCHASE : EventType.RETURN).wireName(),
                customer,
                line.stockCode(),
                line.invoiceNo(),
                line.quantity(),
                line.unitPrice(),
                line.time() == null ? null : line.time().plus(shift),
                null,
                SOURCE));
    if (purchases.size() + returns.size() >= BATCH) {
      flush();
    }
  }

  /**
   * A product is upserted when first seen, named by that line's description; its price is the unit
   * price of its first purchase line, so a product first seen in a return is upserted again when it
   * is first bought.
   */
  private void noteProduct(ClassifiedLine line, boolean purchase) {
    String code = line.stockCode();
    Boolean hasPrice = priced.get(code);
    if (hasPrice == null) {
      priced.put(code, purchase);
      pendingProducts.put(
          code,
          new ProductInput(
              code,
              line.description(),
              null,
              null,
              purchase ? line.unitPrice() : null,
              null,
              null,
              null,
              null,
              null,
              null));
    } else if (!hasPrice && purchase) {
      priced.put(code, true);
      ProductInput waiting = pendingProducts.get(code);
      pendingProducts.put(
          code,
          new ProductInput(
              code,
              waiting == null ? null : waiting.name(),
              null,
              null,
              line.unitPrice(),
              null,
              null,
              null,
              null,
              null,
              null));
    }
  }

  /** Stores everything waiting: new customers, new products, then the events. */
  void flush() {
    if (!pendingCustomers.isEmpty()) {
      customersCreated +=
          customerService
              .upsertAll(new ArrayList<>(pendingCustomers.values()), ConsentSource.IMPORT)
              .created();
      pendingCustomers.clear();
    }
    if (!pendingProducts.isEmpty()) {
      productsCreated += productService.upsertAll(new ArrayList<>(pendingProducts.values()));
      pendingProducts.clear();
    }
    // Purchases and returns go in separate calls so that the result counts each kind.
    if (!purchases.isEmpty()) {
      IngestResult r = ingestor.ingest(purchases);
      purchasesStored += r.stored();
      duplicates += r.duplicates();
      purchases.clear();
    }
    if (!returns.isEmpty()) {
      IngestResult r = ingestor.ingest(returns);
      returnsStored += r.stored();
      duplicates += r.duplicates();
      returns.clear();
    }
  }

  /** Events stored so far, for the progress message. */
  long eventsStored() {
    return purchasesStored + returnsStored;
  }

  /** Lines taken so far. */
  long linesRead() {
    return linesRead;
  }

  /** The counts, after the last {@link #flush()}. */
  ImportSummary summary(long elapsedMillis) {
    return new ImportSummary(
        linesRead,
        purchasesStored,
        returnsStored,
        duplicates,
        skipped[LineOutcome.NO_CUSTOMER.ordinal()],
        skipped[LineOutcome.NON_PRODUCT_CODE.ordinal()],
        skipped[LineOutcome.ZERO_PRICE.ordinal()],
        skipped[LineOutcome.OTHER.ordinal()],
        customers.size(),
        customersCreated,
        priced.size(),
        productsCreated,
        elapsedMillis);
  }
}
