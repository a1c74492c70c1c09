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

  /** Reads the rows of {@link AttributionQueries#PURCHASES}. */
  static PurchaseRows read(ResultSet rs) throws SQLException {
    PurchaseRows rows = new PurchaseRows();
    while (rs.next()) {
      rows.customer.add(rs.getLong(1));
      rows.at.add(rs.getLong(2));
      long p = rs.getLong(3);
      rows.product.add(rs.wasNull() ? NO_PRODUCT : p);
      BigDecimal amount = rs.getBigDecimal(4);
      rows.cents.add(amount == null ? 0 : amount.setScale(2).unscaledValue().longValueExact());
      rows.order.add(rs.getString(5));
    }
    return rows;
  }

  int size() {
    return customer.size();
  }
}
