package io.affinity.campaigns.lift;

import io.affinity.core.bulk.Streaming;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The shop's purchases of a period [{@link #from}, {@link #to}) as far as event id {@link
 * #watermark}, held in primitive columns (about 60 bytes a purchase), so that they can be read
 * while the recipients are read on another connection, matched to them afterwards, and kept for the
 * next report ({@link KeptPurchases}). Amounts in cents ({@code unit_price} is DECIMAL(12, 2)), 0
 * without one; products {@link #NO_PRODUCT} without one. Without {@link #full} columns (the
 * pre-period, for CUPED), every product is {@link #NO_PRODUCT} and every order {@link #NO_ORDER}.
 *
 * <p>Instances are read-only once read; {@link #upTo} gives an updated one.
 */
final class PurchaseRows {
  static final long NO_PRODUCT = Long.MIN_VALUE;

  /** The order key of a purchase without an order id (see {@link #orderKey}). */
  static final long NO_ORDER = 0;

  final boolean full;
  final long from;
  final long to;
  final long watermark;
  final LongArrayList customer;
  final LongArrayList at;
  final LongArrayList product;
  final LongArrayList cents;
  final LongArrayList order; // order keys, see orderKey

  private PurchaseRows(boolean full, long from, long to, long watermark, int capacity) {
    this.full = full;
    this.from = from;
    this.to = to;
    this.watermark = watermark;
    customer = new LongArrayList(capacity);
    at = new LongArrayList(capacity);
    product = new LongArrayList(capacity);
    cents = new LongArrayList(capacity);
    order = new LongArrayList(capacity);
  }

  /**
   * Rows of the period [from, to) as far as event id {@code watermark}, to be filled by {@link
   * #append} with {@code size} rows (as a {@link PurchaseSnapshotCodec} decodes them), then left
   * unchanged.
   */
  static PurchaseRows filled(boolean full, long from, long to, long watermark, int size) {
    return new PurchaseRows(full, from, to, watermark, size);
  }

  /** Adds a row while filling (see {@link #filled}). */
  void append(long customerId, long atMillis, long amountCents, long productId, long orderKey) {
    customer.add(customerId);
    at.add(atMillis);
    cents.add(amountCents);
    product.add(productId);
    order.add(orderKey);
  }

  /**
   * The key of an order id (its UTF-8 bytes): the first 64 bits of its MurmurHash3 x64 128-bit
   * hash, never {@link #NO_ORDER}. Keys rather than Strings: a few hundred thousand order ids held
   * as Strings were most of what the collector copied during a report, and hashing them a sixth of
   * the matching. Two distinct orders of one buyer with equal keys would count as one: about one
   * chance in 10^13 per report at a million buyers with a few orders each.
   */
  static long orderKey(byte[] orderId) {
    long key = MurmurHash3.hash128x64(orderId)[0];
    return key == NO_ORDER ? 1 : key;
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
    order = same ? held.order : concat(held.order, added.order);
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
    PurchaseRows rows = new PurchaseRows(full, from, to, watermark(c), 16);
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
    PurchaseRows added = new PurchaseRows(full, from, newTo, watermark(c), 16);
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
            byte[] orderId = rs.getBytes(5);
            order.add(orderId == null ? NO_ORDER : orderKey(orderId));
          } else {
            product.add(NO_PRODUCT);
            order.add(NO_ORDER);
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
