package io.affinity.recommender.serving;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shop's ids of our product rows, kept once read. A row keeps its external id for life and
 * products are never deleted, so nothing kept goes stale; history reads then fetch the row ids from
 * an index alone instead of joining the products table for every event.
 */
@Singleton
public class ProductKeys {
  private final Map<Long, String> keys = new ConcurrentHashMap<>();

  /** The external ids of the product rows {@code ids}, reading those not kept yet in one query. */
  Map<Long, String> of(Connection c, Set<Long> ids) throws SQLException {
    Map<Long, String> out = new HashMap<>(ids.size() * 2);
    StringJoiner missing = new StringJoiner(", ");
    for (Long id : ids) {
      String key = keys.get(id);
      if (key == null) {
        missing.add(id.toString());
      } else {
        out.put(id, key);
      }
    }
    if (missing.length() > 0) {
      // Our own row ids written as literals: longs, nothing to inject.
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT id, external_id FROM products WHERE id IN (" + missing + ")")) {
        while (rs.next()) {
          keys.put(rs.getLong(1), rs.getString(2));
          out.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    return out;
  }
}
