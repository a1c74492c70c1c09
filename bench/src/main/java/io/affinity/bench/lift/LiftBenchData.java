package io.affinity.bench.lift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes a campaign of N recipients and a shop's purchase history into a MariaDB database with
 * set-based {@code INSERT ... SELECT} over MariaDB's sequence tables ({@code seq_1_to_N}): a
 * million customers load in seconds, not the minutes row-by-row inserts would take.
 *
 * <p>Every customer is a recipient: one in ten is control, the rest alternate between variants A
 * and B, sent within the campaign's first hour. Purchases: 3 per customer spread over 230 days
 * around the start (so about 6% of them fall in a 14-day window, and as many in the pre-period),
 * plus 3% of recipients' worth of extra purchases by treatment in the window (the planted lift),
 * and clicks on 1,000 products.
 */
final class LiftBenchData {
  static final long T0 = 1_700_000_000_000L;
  static final int DAYS = 14;

  private LiftBenchData() {}

  // Each customer's RFM segment, written with the recipient row as the launch does and in the
  // metrics.
  private static final String SEGMENT =
      "ELT(1 + (%s) %% 5, 'champions', 'loyal', 'at risk', 'new', 'hibernating')";

  /**
   * The id of the benchmark campaign with {@code n} recipients, creating it and its data if new.
   */
  static long campaign(Connection c, int n) throws SQLException {
    String name = "lift-bench-" + n;
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM campaigns WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    long start = System.nanoTime();
    long base = nextId(c, "customers");
    run(
        c,
        "INSERT INTO customers (external_id, created_at, updated_at)"
            + " SELECT CONCAT('lb-', seq), 0, 0 FROM seq_1_to_"
            + n);
    run(
        c,
        "INSERT IGNORE INTO products (external_id, name, created_at, updated_at)"
            + " SELECT CONCAT('lb-p-', seq), CONCAT('Product ', seq), 0, 0 FROM seq_1_to_1000");
    long product = nextId(c, "products") - 1000;
    long campaign;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO campaigns (name, kind, status, variants, control_percent,"
                + " assignment_seed, attribution_days, started_at, created_at, updated_at)"
                + " VALUES (?, 'email', 'finished', '[{\"name\":\"A\"},{\"name\":\"B\"}]', 10, 1, ?,"
                + " ?, 0, 0)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, name);
      ps.setInt(2, DAYS);
      ps.setLong(3, T0);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        campaign = keys.getLong(1);
      }
    }
    String customer = "(" + base + " + (%s) %% " + n + ")";
    run(
        c,
        "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state, sent_at,"
            + " rfm_segment) SELECT "
            + campaign
            + ", "
            + base
            + " + seq - 1,"
            + " CASE WHEN seq % 10 = 0 THEN 'control' WHEN seq % 2 = 0 THEN 'A' ELSE 'B' END,"
            + " CASE WHEN seq % 10 = 0 THEN 'control' ELSE 'sent' END,"
            + " CASE WHEN seq % 10 = 0 THEN NULL ELSE "
            + T0
            + " + (seq % 3600) * 1000 END, "
            + SEGMENT.formatted(base + " + seq - 1")
            + " FROM seq_1_to_"
            + n);
    long span = 230L * 86_400L;
    run(
        c,
        "INSERT INTO events (client_event_id, customer_id, product_id, type, order_id, quantity,"
            + " unit_price, occurred_at, received_at) SELECT CONCAT('lb-"
            + campaign
            + "-', seq), "
            + customer.formatted("seq * 7919")
            + ", "
            + product
            + " + seq % 1000, 'purchase', CONCAT('lb-o-"
            + campaign
            + "-', seq), 1 + seq % 3, 5 + (seq % 17) * 3, "
            + (T0 - 200L * 86_400_000L)
            + " + ((seq * 104729) % "
            + span
            + ") * 1000, 0 FROM seq_1_to_"
            + 3 * n);
    // The planted lift: extra purchases by treatment recipients (seq % 10 != 0) in the window.
    run(
        c,
        "INSERT INTO events (client_event_id, customer_id, product_id, type, order_id, quantity,"
            + " unit_price, occurred_at, received_at) SELECT CONCAT('lb-x-"
            + campaign
            + "-', seq), "
            + base
            + " + (seq * 10 + seq % 9) % "
            + n
            + ", "
            + product
            + " + seq % 1000, 'purchase', CONCAT('lb-xo-"
            + campaign
            + "-', seq), 1, 30, "
            + T0
            + " + 3600000 + (seq % (12 * 86400)) * 1000, 0 FROM seq_1_to_"
            + Math.max(1, n * 3 / 100));
    run(
        c,
        "INSERT INTO events (client_event_id, customer_id, product_id, type, occurred_at,"
            + " campaign_id, received_at) SELECT CONCAT('lb-k-"
            + campaign
            + "-', seq), "
            + base
            + " + (seq * 10 + seq % 9) % "
            + n
            + ", "
            + product
            + " + seq % 1000, 'click', "
            + T0
            + " + 3600000 + seq * 1000, "
            + campaign
            + ", 0 FROM seq_1_to_"
            + Math.max(1, n / 20));
    run(
        c,
        "INSERT IGNORE INTO customer_metrics (customer_id, rfm_segment, computed_at)"
            + " SELECT customer_id, "
            + SEGMENT.formatted("customer_id")
            + ", 0 FROM campaign_recipients WHERE campaign_id = "
            + campaign);
    run(c, "ANALYZE TABLE customers, campaign_recipients, events, customer_metrics");
    System.out.printf(
        "generated campaign %d: %,d recipients, %,d purchases in %.1f s%n",
        campaign, n, 3L * n + n * 3L / 100, (System.nanoTime() - start) / 1e9);
    return campaign;
  }

  private static long nextId(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void run(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
