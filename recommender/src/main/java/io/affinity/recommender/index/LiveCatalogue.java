package io.affinity.recommender.index;

import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the products a request is about from the products table, so that price, stock, name,
 * category, links and new products take effect on the next request without training. The database
 * is the only source: several service nodes share it, and a node-local copy would miss another
 * node's write. A product that is no longer in the table, or is discontinued, is absent from the
 * answer: to a request it is as if deleted.
 */
@Singleton
public class LiveCatalogue {
  /**
   * How far back from the largest product row id a request looks for products added since training:
   * at most this many, the newest (fewer where rows in that range were deleted).
   */
  public static final int NEWEST = 200;

  private static final String COLUMNS =
      "SELECT id, external_id, name, category_path, brand, price, cost, in_stock, url, image_url,"
          + " attributes FROM products";

  // Like HistoryReader: one statement on a connection in auto-commit mode, no transaction.
  private final ConnectionOperations<Connection> connections;

  public LiveCatalogue(ConnectionOperations<Connection> connections) {
    this.connections = connections;
  }

  /**
   * The current rows of the products {@code rowIds} (by row id) and {@code externalIds} (by the
   * shop's id: items of an index that holds no row ids, or request items), and, when {@code
   * newerThan} is below {@link Long#MAX_VALUE}, of the products whose row id is above it among the
   * {@value #NEWEST} largest row ids; keyed by the shop's id. One statement, each part a primary or
   * unique key lookup.
   */
  public Map<String, LiveItem> read(
      Collection<Long> rowIds, Collection<String> externalIds, long newerThan) {
    List<String> parts = new ArrayList<>();
    // Bound, and padded to a power of two by repeating the last id, so that the statement's text
    // repeats and the database reuses its plan: literal ids made a new statement to parse per
    // request, which cost more than the read.
    List<Long> rows = new ArrayList<>(rowIds);
    if (!rows.isEmpty()) {
      int padded = Integer.highestOneBit(rows.size() - 1) << 1;
      while (rows.size() < Math.max(1, padded)) {
        rows.add(rows.get(rows.size() - 1));
      }
      parts.add(COLUMNS + " WHERE discontinued = FALSE AND id IN (" + marks(rows.size()) + ")");
    }
    if (!externalIds.isEmpty()) {
      parts.add(
          COLUMNS
              + " WHERE discontinued = FALSE AND external_id IN ("
              + marks(externalIds.size())
              + ")");
    }
    if (newerThan < Long.MAX_VALUE) {
      // The products among the NEWEST last row ids that are above the model's: a primary key range
      // bounded by the table's largest id (read from the index alone). Not an ORDER BY ... LIMIT
      // in a derived table: MariaDB built a temporary table for it on every request, which made
      // this statement cost two to three times a plain read of the same rows.
      parts.add(
          COLUMNS
              + " WHERE discontinued = FALSE AND id > GREATEST(?, (SELECT MAX(id) - "
              + NEWEST
              + " FROM products))");
    }
    if (parts.isEmpty()) {
      return Map.of();
    }
    String sql = String.join(" UNION ALL ", parts);
    return connections.execute(
        ConnectionDefinition.DEFAULT,
        status -> {
          Map<String, LiveItem> out = new HashMap<>();
          try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
            int p = 1;
            for (long id : rows) {
              ps.setLong(p++, id);
            }
            for (String id : externalIds) {
              ps.setString(p++, id);
            }
            if (newerThan < Long.MAX_VALUE) {
              ps.setLong(p, newerThan);
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                LiveItem item = item(rs);
                out.put(item.id(), item);
              }
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read the live catalogue", e);
          }
          return out;
        });
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static LiveItem item(ResultSet rs) throws SQLException {
    BigDecimal price = rs.getBigDecimal(6);
    BigDecimal cost = rs.getBigDecimal(7);
    return new LiveItem(
        rs.getString(2),
        rs.getLong(1),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        price == null ? null : price.doubleValue(),
        price == null || cost == null ? null : price.subtract(cost).doubleValue(),
        rs.getBoolean(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11));
  }
}
