package io.affinity.campaigns.triggers;

import io.affinity.campaigns.campaign.Transactions;
import io.affinity.campaigns.delivery.Audience;
import io.affinity.core.event.EventIngestor;
import io.affinity.core.event.EventInput;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test data for trigger tests, all named after the test's own run id: households of customers, a
 * product in a category of the run's own, purchases through the real event ingest, and queries.
 */
final class TriggerFixture {
  final String run;
  final String category;
  final String product;
  private final Transactions tx;
  private final EventIngestor events;
  private final Audience audience;
  private int purchases;
  private int batches;

  TriggerFixture(String run, Transactions tx, EventIngestor events) {
    this.run = run;
    this.tx = tx;
    this.events = events;
    this.audience = new Audience(tx);
    this.category = "Cat" + run;
    this.product = run + "-p1";
    sql(
        "INSERT INTO products (external_id, name, category_path, price, in_stock, created_at,"
            + " updated_at) VALUES (?, ?, ?, 9.50, TRUE, 1, 1)",
        product,
        productName(),
        category + "/Kitchen");
  }

  /**
   * The trigger product's name, its run's own: on a shared database (MariaDB) other runs' mugs may
   * be recommended, and a message must be checked for this one.
   */
  public String productName() {
    return "Mug " + category;
  }

  /**
   * {@code households} households of {@code size} consenting members each; returns their customer
   * ids, household by household.
   */
  List<List<Long>> households(int households, int size) {
    String batch = run + "-b" + batches++;
    List<Audience.Person> people = new ArrayList<>();
    for (int i = 0; i < households * size; i++) {
      String id = batch + "-c" + i;
      people.add(new Audience.Person(id, id + "@test.example", "Name " + i, true));
    }
    List<Long> ids = audience.customers(people, size, batch);
    List<List<Long>> out = new ArrayList<>();
    for (int h = 0; h < households; h++) {
      out.add(ids.subList(h * size, (h + 1) * size));
    }
    return out;
  }

  /** The shop's id of customer {@code id}. */
  String externalId(long id) {
    return (String)
        rows("SELECT external_id FROM customers WHERE id = ?", id).get(0).get("external_id");
  }

  /** A purchase event of the run's product by each of {@code customers} at {@code at}. */
  void buy(List<Long> customers, Instant at) {
    List<EventInput> batch = new ArrayList<>();
    for (long c : customers) {
      batch.add(purchase(run + "-e" + purchases++, c, at));
    }
    events.ingest(batch);
  }

  /** A purchase event with the client id {@code eventId}. */
  EventInput purchase(String eventId, long customer, Instant at) {
    return new EventInput(
        eventId,
        "purchase",
        externalId(customer),
        product,
        "o-" + eventId,
        1,
        new BigDecimal("9.50"),
        at,
        null,
        "web");
  }

  /** A trigger on the run's category with everything else at its default. */
  TriggerInput trigger(
      String name, boolean includeBuyer, int holdoutPercent, int delayMinutes, long template) {
    return new TriggerInput(
        name + " " + run,
        category,
        null,
        delayMinutes,
        template,
        "shop@shop.example",
        "The Shop",
        null,
        includeBuyer,
        null,
        null,
        null,
        null,
        BigDecimal.valueOf(holdoutPercent),
        null,
        42L);
  }

  /** The recipient rows of trigger {@code id}'s campaigns, with the recipient's household. */
  List<Map<String, Object>> recipients(long trigger) {
    return rows(
        "SELECT r.*, cu.household_id FROM campaign_recipients r JOIN trigger_campaigns tc"
            + " ON tc.campaign_id = r.campaign_id JOIN customers cu ON cu.id = r.customer_id"
            + " WHERE tc.trigger_id = ? ORDER BY r.id",
        trigger);
  }

  /** The evaluations of trigger {@code id}. */
  List<Map<String, Object>> firings(long trigger) {
    return rows("SELECT * FROM trigger_firings WHERE trigger_id = ? ORDER BY id", trigger);
  }

  int sql(String sql, Object... params) {
    return audience.update(sql, params);
  }

  List<Map<String, Object>> rows(String sql, Object... params) {
    return tx.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
              ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              ResultSetMetaData m = rs.getMetaData();
              while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= m.getColumnCount(); i++) {
                  row.put(m.getColumnLabel(i).toLowerCase(), rs.getObject(i));
                }
                out.add(row);
              }
            }
            return out;
          }
        });
  }

  static long num(Object o) {
    return ((Number) o).longValue();
  }
}
