package io.affinity.core.testing;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Plain SQL for tests that check what was stored, by ids the test owns. */
@Singleton
public class TestSql {
  private final TransactionOperations<Connection> tx;

  public TestSql(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** The single number that {@code sql} selects. */
  public long count(String sql, Object... params) {
    return ((Number) rows(sql, params).get(0).values().iterator().next()).longValue();
  }

  /** The rows {@code sql} selects, columns by lower-case label. */
  public List<Map<String, Object>> rows(String sql, Object... params) {
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
              ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              ResultSetMetaData meta = rs.getMetaData();
              while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                  row.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), rs.getObject(c));
                }
                rows.add(row);
              }
            }
            return rows;
          } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
          }
        });
  }
}
