package io.affinity.campaigns.lift;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The purchases of a campaign's period held in primitive columns (about 60 bytes a purchase), so
 * that they can be read while the recipients are read on another connection, and matched to them
 * afterwards. Amounts in cents ({@code unit_price} is DECIMAL(12, 2)), 0 without one; products
 * {@link #NO_PRODUCT} without one.
 */
final class PurchaseRows {
  static final long NO_PRODUCT = Long.MIN_VALUE;

  final LongArrayList customer = new LongArrayList();
  final LongArrayList at = new LongArrayList();
  final LongArrayList product = new LongArrayList();
  final LongArrayList cents = new LongArrayList();
  final ObjectArrayList<String> order = new ObjectArrayList<>();

  /**
   * Adds the rows of {@link AttributionQueries#PURCHASES}, or of {@link
   * AttributionQueries#PRE_PERIOD_PURCHASES} (three columns: no product, no order).
   */
  void read(ResultSet rs) throws SQLException {
    boolean full = rs.getMetaData().getColumnCount() == 5;
    while (rs.next()) {
      customer.add(rs.getLong(1));
      at.add(rs.getLong(2));
      BigDecimal amount = rs.getBigDecimal(full ? 4 : 3);
      cents.add(amount == null ? 0 : amount.setScale(2).unscaledValue().longValueExact());
      if (full) {
        long p = rs.getLong(3);
        product.add(rs.wasNull() ? NO_PRODUCT : p);
        order.add(rs.getString(5));
      } else {
        product.add(NO_PRODUCT);
        order.add(null);
      }
    }
  }

  int size() {
    return customer.size();
  }
}
