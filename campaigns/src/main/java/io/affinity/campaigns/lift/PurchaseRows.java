package io.affinity.campaigns.lift;

import io.affinity.core.bulk.Streaming;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The shop's purchases of a period [{@link #from}, {@link #to}) as far as event id {@link
 * #watermark}, held in primitive columns (about 60 bytes a purchase), so that they can be read
 * while the recipients are read on another connection, matched to them afterwards, and kept for the
 * next report ({@link KeptPurchases}). Amounts in cents ({@code unit_price} is DECIMAL(12, 2)), 0
 * without one; products {@link #NO_PRODUCT} without one. Without {@link #full} columns (the
 * pre-period, for CUPED), every product is {@link #NO_PRODUCT} and every order null.
 *
 * <p>Instances are read-only once read; {@link #upTo} gives an updated one.
 */
final class PurchaseRows {
  static final long NO_PRODUCT = Long.MIN_VALUE;

  final boolean full;
  final long from;
  final long to;
  final long watermark;
  final LongArrayList customer;
  final LongArrayList at;
  final LongArrayList product;
  final LongArrayList cents;
  final ObjectArrayList<String> order;

  private PurchaseRows(boolean full, long from, long to, long watermark) {
    this.full = full;
    this.from = from;
    this.to = to;
    this.watermark = watermark;
    customer = new LongArrayList();
    at = new LongArrayList();
    product = new LongArrayList();
    cents = new LongArrayList();
    order = new ObjectArrayList<>();
  }

  /**
   * The rows of {@code held} followed by those of {@code added}, for the period and watermark of
   * {@code added}. Without added rows the columns of {@code held} are shared, not copied: no
   * instance changes its columns once built.
   */
  private PurchaseRows(PurchaseRows held, PurchaseRows added) {
    full = added.full;
    from = added.from;
    to = added.to;
    watermark = added.watermark;
    boolean same = added.size() == 0;
    customer = same ? held.customer : concat(held.customer, added.customer);
    at = same ? held.at : concat(held.at, added.at);
    product = same ? held.product : concat(held.product, added.product);
    cents = same ? held.cents : concat(held.cents, added.cents);
    order = same ? held.order : new ObjectArrayList<>(held.order);
    if (!same) {
      order.addAll(added.order);
    }
  }

  private static LongArrayList concat(LongArrayList a, LongArrayList b) {
    LongArrayList both = new LongArrayList(a.size() + b.size());
    both.addAll(a);
    both.addAll(b);
    return both;
  }

  /**
   * Reads the purchases of [{@code from}, {@code to}): with product and order when {@code full},
   * else with what pre-period spend needs only. {@code c} must be in a transaction that reads one
   * snapshot (see {@link #upTo}).
   */
  static PurchaseRows read(Connection c, boolean full, long from, long to) throws SQLException {
    PurchaseRows rows = new PurchaseRows(full, from, to, watermark(c));
    rows.add(c, from, to, null);
    return rows;
  }

  /**
   * These purchases brought up to date and to a period ending at {@code newTo}: a copy with the
   * purchases since added, the events table being append-only. Null if they cannot be: the period
   * would shrink, or a purchase with an id below the watermark was committed after it was read (the
   * count of the period's purchases then differs from the rows held).
   *
   * <p>The watermark, the rows added and the count must come from one snapshot of the database, so
   * {@code c} must be in a REPEATABLE READ transaction: the rows held are then all in that snapshot
   * (none is ever deleted), and equal counts mean the same rows.
   */
  PurchaseRows upTo(Connection c, long newTo) throws SQLException {
    if (newTo < to) {
      return null;
    }
    if (c.getTransactionIsolation() < Connection.TRANSACTION_REPEATABLE_READ) {
      throw new IllegalStateException("kept purchases need one snapshot: REPEATABLE READ");
    }
    PurchaseRows added = new PurchaseRows(full, from, newTo, watermark(c));
    added.add(c, from, to, watermark); // added to the period held
    if (newTo > to) {
      added.add(c, to, newTo, null); // the period's extension, older rows too
    }
    return size() + added.size() == count(c, from, newTo) ? new PurchaseRows(this, added) : null;
  }

  /** Reads the purchases in [from, to), with an event id after {@code after} unless null. */
  private void add(Connection c, long from, long to, Long after) throws SQLException {
    // The rows added since a watermark come from the primary key's range: no hint then.
    String sql =
        (full ? AttributionQueries.PURCHASE_COLUMNS : AttributionQueries.PRE_PERIOD_COLUMNS)
            + " FROM events"
            + (after == null ? IndexHint.force(c, AttributionQueries.PERIOD_INDEX) : "")
            + AttributionQueries.IN_PERIOD
            + (after == null ? "" : AttributionQueries.SINCE);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Streaming.enable(c, ps);
      ps.setLong(1, from);
      ps.setLong(2, to);
      if (after != null) {
        ps.setLong(3, after);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          customer.add(rs.getLong(1));
          at.add(rs.getLong(2));
          BigDecimal amount = rs.getBigDecimal(3);
          cents.add(amount == null ? 0 : amount.setScale(2).unscaledValue().longValueExact());
          if (full) {
            long p = rs.getLong(4);
            product.add(rs.wasNull() ? NO_PRODUCT : p);
            order.add(rs.getString(5));
          } else {
            product.add(NO_PRODUCT);
            order.add(null);
          }
        }
      }
    }
  }

  /** The latest event id: rows read up to it are the ones a later read must not read again. */
  private static long watermark(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(AttributionQueries.LATEST_EVENT);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static long count(Connection c, long from, long to) throws SQLException {
    String sql =
        AttributionQueries.PURCHASE_COUNT
            + IndexHint.force(c, AttributionQueries.PERIOD_INDEX)
            + AttributionQueries.IN_PERIOD;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  int size() {
    return customer.size();
  }
}
