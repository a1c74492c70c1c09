package io.affinity.core.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the shop's ids of one table (households, customers, products) to internal ids in chunks,
 * creating rows known only by their id where asked to.
 */
public final class ExternalIds {
  private static final int CHUNK = 500;

  private final String table;
  private final MultiRowInsert stubs;

  /** Ids of {@code table}, which has columns {@code id, external_id, created_at, updated_at}. */
  public ExternalIds(String table) {
    this.table = table;
    this.stubs = new MultiRowInsert(table, List.of("external_id", "created_at", "updated_at"));
  }

  /** The internal ids of the stored rows among {@code externalIds}. */
  public Map<String, Long> find(Connection c, Collection<String> externalIds) throws SQLException {
    Map<String, Long> found = new HashMap<>();
    List<String> ids = new ArrayList<>(externalIds);
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      String sql =
          "SELECT id, external_id FROM "
              + table
              + " WHERE external_id IN ("
              + "?, ".repeat(chunk.size() - 1)
              + "?)";
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
  public int createStubs(Connection c, Collection<String> externalIds, long now)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>(externalIds.size());
    for (String id : externalIds) {
      rows.add(new Object[] {id, now, now});
    }
    return rows.isEmpty() ? 0 : stubs.insertIgnore(c, rows);
  }

  /**
   * The internal ids of all {@code externalIds}, first creating rows known only by their id for
   * those not stored yet.
   */
  public Map<String, Long> findOrCreate(Connection c, Collection<String> externalIds, long now)
      throws SQLException {
    Map<String, Long> found = find(c, externalIds);
    List<Object[]> missing = new ArrayList<>();
    for (String id : externalIds) {
      if (!found.containsKey(id)) {
        missing.add(new Object[] {id, now, now});
      }
    }
    if (!missing.isEmpty()) {
      stubs.insertIgnore(c, missing);
      found.putAll(find(c, missing.stream().map(row -> (String) row[0]).toList()));
    }
    return found;
  }
}
