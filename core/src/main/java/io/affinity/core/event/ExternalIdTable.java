package io.affinity.core.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps the shop's ids of one table (customers or products) to our internal ids, creating rows for
 * ids first seen in an event, with a cache so that a warm ingest asks the database nothing.
 *
 * <p>The cache is filled only through {@link #remember} after the transaction that read or created
 * the ids has committed: a rolled-back batch must not leave ids of rows that never existed.
 */
final class ExternalIdTable {
  private static final int CHUNK = 500;
  private static final int MAX_CACHED = 5_000_000;

  private final String table;
  private final Map<String, Long> cache = new ConcurrentHashMap<>();

  ExternalIdTable(String table) {
    this.table = table;
  }

  /** The ids already known, without asking the database. */
  Map<String, Long> cached(Collection<String> externalIds, Collection<String> misses) {
    Map<String, Long> found = new HashMap<>();
    for (String id : externalIds) {
      Long internal = cache.get(id);
      if (internal != null) {
        found.put(id, internal);
      } else {
        misses.add(id);
      }
    }
    return found;
  }

  /** The stored rows among {@code externalIds}. */
  Map<String, Long> find(Connection c, Collection<String> externalIds) throws SQLException {
    Map<String, Long> found = new HashMap<>();
    List<String> ids = new ArrayList<>(externalIds);
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      String sql =
          "SELECT id, external_id FROM "
              + table
              + " WHERE external_id IN ("
              + marks(chunk.size())
              + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.put(rs.getString(2), rs.getLong(1));
          }
        }
      }
    }
    return found;
  }

  /**
   * Creates rows known only by their id, ignoring those another transaction created meanwhile;
   * returns how many this call created.
   */
  int createStubs(Connection c, Collection<String> externalIds, long now) throws SQLException {
    int created = 0;
    List<String> ids = new ArrayList<>(externalIds);
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      StringBuilder sql =
          new StringBuilder("INSERT IGNORE INTO ")
              .append(table)
              .append(" (external_id, created_at, updated_at) VALUES ");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
      }
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int p = 1;
        for (String id : chunk) {
          ps.setString(p++, id);
          ps.setLong(p++, now);
          ps.setLong(p++, now);
        }
        created += ps.executeUpdate();
      }
    }
    return created;
  }

  /** Caches ids read or created by a committed transaction. */
  void remember(Map<String, Long> ids) {
    if (cache.size() + ids.size() > MAX_CACHED) {
      cache.clear(); // a crude bound; a warm cache refills from the database in a few batches
    }
    cache.putAll(ids);
  }

  /** Drops cached ids, for rows that were deleted. */
  void forget(Collection<String> externalIds) {
    externalIds.forEach(cache::remove);
  }

  static String marks(int n) {
    StringBuilder s = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "?" : ", ?");
    }
    return s.toString();
  }
}
