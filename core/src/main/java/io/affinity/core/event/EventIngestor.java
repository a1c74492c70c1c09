package io.affinity.core.event;

import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.value.MetricsRefreshQueue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores batches of events: all of a batch or nothing. A batch is validated whole first; customers
 * and products it names are resolved (created when first seen, except where the event type needs a
 * known customer); rows are written with {@code INSERT IGNORE} so that an event id stored before is
 * skipped and a retried batch adds nothing.
 */
@Singleton
public class EventIngestor {
  private static final int DEADLOCK_RETRIES = 3;

  /** The source of events recorded by tracking links (which record their own consent). */
  public static final String TRACKING_SOURCE = "email";

  /** Event types that change no customer-value metric: browsing. */
  private static final Set<String> VALUE_NEUTRAL =
      Set.of(
          EventType.VIEW.wireName(),
          EventType.ADD_TO_CART.wireName(),
          EventType.VISIT.wireName(),
          EventType.SEARCH.wireName());

  private final TransactionOperations<Connection> tx;
  private final MetricsRefreshQueue metrics;
  private final ConsentLedger ledger;
  private final CampaignCatalog campaigns;
  private final ExternalIdTable customers = new ExternalIdTable("customers");
  private final ExternalIdTable products = new ExternalIdTable("products");

  public EventIngestor(
      TransactionOperations<Connection> tx,
      MetricsRefreshQueue metrics,
      ConsentLedger ledger,
      @Nullable CampaignCatalog campaigns) {
    this.tx = tx;
    this.metrics = metrics;
    this.ledger = ledger;
    // Without the campaigns module (core's own tests) there is nothing to check against.
    this.campaigns = campaigns == null ? CampaignCatalog.NONE_KNOWN_HERE : campaigns;
  }

  /**
   * Stores {@code events} in one transaction.
   *
   * @throws InvalidInputException listing every bad event, when any is bad; nothing is stored
   */
  public IngestResult ingest(List<EventInput> events) {
    Instant now = Instant.now();
    List<FieldError> errors = EventValidator.validate(events, now, campaigns);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(
          "The batch has " + errors.size() + " problem(s); no event was stored", errors);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        Batch batch = tx.executeWrite(status -> write(status.getConnection(), events, now));
        customers.remember(batch.customerIds());
        products.remember(batch.productIds());
        // Customer value of these customers is now stale; refreshed in the background.
        metrics.enqueue(batch.valueCustomers());
        return batch.result();
      } catch (RuntimeException e) {
        // Two batches creating the same new customers can deadlock on MySQL; the loser retries.
        if (attempt >= DEADLOCK_RETRIES || !isDeadlock(e)) {
          throw e;
        }
      }
    }
  }

  /**
   * Forgets the cached internal id of the customer the shop called {@code externalId}, whose row no
   * longer has that id (erased): a later event with the id must not find the erased row.
   */
  public void forgetCustomer(String externalId) {
    customers.forget(externalId);
  }

  /** What a batch did, and the ids it read or created, for the cache once committed. */
  private record Batch(
      IngestResult result,
      Map<String, Long> customerIds,
      Map<String, Long> productIds,
      LongArrayList valueCustomers) {}

  private Batch write(Connection c, List<EventInput> events, Instant now) {
    try {
      Set<String> customerIds = new LinkedHashSet<>();
      Set<String> mustExist = new LinkedHashSet<>();
      Set<String> productIds = new LinkedHashSet<>();
      for (EventInput e : events) {
        customerIds.add(e.customerId());
        if (EventType.fromWireName(e.type()).orElseThrow().needsKnownCustomer()) {
          mustExist.add(e.customerId());
        }
        if (e.productId() != null) {
          productIds.add(e.productId());
        }
      }
      long nowMillis = now.toEpochMilli();
      Resolved cust = resolve(c, customers, customerIds, mustExist, events, nowMillis);
      Resolved prod = resolve(c, products, productIds, Set.of(), events, nowMillis);

      List<EventWriter.Row> rows = new ArrayList<>(events.size());
      List<ConsentStatement> unsubscribed = new ArrayList<>();
      LongArrayList valueCustomers = new LongArrayList();
      for (EventInput e : events) {
        long customer = cust.ids().get(e.customerId());
        if (!VALUE_NEUTRAL.contains(e.type())) {
          valueCustomers.add(customer);
        }
        long occurredAt = e.time() != null ? e.time().toEpochMilli() : nowMillis;
        rows.add(
            new EventWriter.Row(
                e.eventId() != null ? e.eventId() : derivedId(e, occurredAt),
                customer,
                e.productId() != null ? prod.ids().get(e.productId()) : null,
                e.type(),
                e.orderId(),
                e.quantity(),
                e.unitPrice(),
                occurredAt,
                e.campaignId(),
                e.source()));
        // The shop's report of an unsubscribe withdraws consent through the ledger. A tracking
        // link's unsubscribe (source "email") was recorded by the tracking recorder itself, with
        // the person's address and browser, in the same transaction.
        if (EventType.UNSUBSCRIBE.wireName().equals(e.type())
            && !TRACKING_SOURCE.equals(e.source())) {
          unsubscribed.add(
              ConsentStatement.email(
                  customer,
                  false,
                  occurredAt,
                  ConsentSource.UNSUBSCRIBE_EVENT,
                  "event "
                      + rows.get(rows.size() - 1).clientEventId()
                      + (e.campaignId() == null ? "" : ", campaign " + e.campaignId())));
        }
      }
      int stored = EventWriter.write(c, rows, nowMillis);
      ledger.record(c, unsubscribed);
      IngestResult result =
          new IngestResult(
              events.size(), stored, events.size() - stored, cust.created(), prod.created());
      return new Batch(result, cust.fresh(), prod.fresh(), valueCustomers);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not store events", e);
    }
  }

  /** The ids of a batch, how many rows were created, and the ids the cache did not have. */
  private record Resolved(Map<String, Long> ids, int created, Map<String, Long> fresh) {}

  private static Resolved resolve(
      Connection c,
      ExternalIdTable table,
      Set<String> externalIds,
      Set<String> mustExist,
      List<EventInput> events,
      long now)
      throws SQLException {
    List<String> misses = new ArrayList<>();
    Map<String, Long> ids = table.cached(externalIds, misses);
    if (misses.isEmpty()) {
      return new Resolved(ids, 0, Map.of());
    }
    Map<String, Long> fresh = table.find(c, misses);
    ids.putAll(fresh);
    List<String> unknown = misses.stream().filter(id -> !ids.containsKey(id)).toList();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String customerId = events.get(i).customerId();
      if (mustExist.contains(customerId) && !ids.containsKey(customerId)) {
        errors.add(
            new FieldError(
                "[" + i + "].customerId",
                "unknown customer '"
                    + customerId
                    + "'; "
                    + events.get(i).type()
                    + " events need a known customer"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(
          "The batch has " + errors.size() + " problem(s); no event was stored", errors);
    }
    int created = table.createStubs(c, unknown, now);
    Map<String, Long> stubs = table.find(c, unknown);
    ids.putAll(stubs);
    fresh.putAll(stubs);
    return new Resolved(ids, created, fresh);
  }

  /**
   * An id for an event sent without one, from what it says: the same event sent twice gets the same
   * id and is stored once.
   */
  static String derivedId(EventInput e, long occurredAt) {
    String content =
        String.join(
            "\u001f",
            e.type(),
            e.customerId(),
            String.valueOf(e.productId()),
            String.valueOf(e.orderId()),
            String.valueOf(e.quantity()),
            String.valueOf(e.unitPrice()),
            Long.toString(occurredAt),
            String.valueOf(e.campaignId()),
            String.valueOf(e.source()));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest, 0, 20);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-256 is part of every JDK", ex);
    }
  }

  private static boolean isDeadlock(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "40001".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
