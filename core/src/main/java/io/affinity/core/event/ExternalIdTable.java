package io.affinity.core.event;

import io.affinity.core.bulk.ExternalIds;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shop's ids of one table (customers or products) and our internal ids, with a cache in front
 * of {@link ExternalIds} so that a warm ingest asks the database nothing.
 *
 * <p>The cache is filled only through {@link #remember} after the transaction that read or created
 * the ids has committed: a rolled-back batch must not leave ids of rows that never existed.
 */
final class ExternalIdTable {
  private static final int MAX_CACHED = 5_000_000;

  private final ExternalIds ids;
  private final Map<String, Long> cache = new ConcurrentHashMap<>();

  ExternalIdTable(String table) {
    this.ids = new ExternalIds(table);
  }

  /** The ids already known, without asking the database; the others go to {@code misses}. */
  Map<String, Long> cached(Collection<String> externalIds, Collection<String> misses) {
    Map<String, Long> found = new HashMap<>(externalIds.size() * 2);
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
    return ids.find(c, externalIds);
  }

  /** Creates rows known only by their id; returns how many this call created. */
  int createStubs(Connection c, Collection<String> externalIds, long now) throws SQLException {
    return ids.createStubs(c, externalIds, now);
  }

  /** Caches ids read or created by a committed transaction. */
  void remember(Map<String, Long> found) {
    if (cache.size() + found.size() > MAX_CACHED) {
      cache.clear(); // a crude bound; a warm cache refills from the database in a few batches
    }
    cache.putAll(found);
  }

  /** Forgets the cached id of {@code externalId} (its row no longer has it). */
  void forget(String externalId) {
    cache.remove(externalId);
  }

  /** {@code n} comma-separated JDBC placeholders. */
  static String marks(int n) {
    return n == 0 ? "" : "?, ".repeat(n - 1) + "?";
  }
}
