package io.affinity.core.privacy;

import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads rows for an export as JSON-ready maps: columns by their label in camel case ({@code
 * sent_at} becomes {@code sentAt}), and times (epoch millis in columns ending in {@code _at}, and
 * {@code as_of}) as instants.
 */
public final class ExportRows {
  private ExportRows() {}

  /** The rows {@code sql} selects with {@code params}. */
  public static List<Map<String, Object>> list(Connection c, String sql, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int col = 1; col <= meta.getColumnCount(); col++) {
            String label = meta.getColumnLabel(col).toLowerCase(Locale.ROOT);
            row.put(camel(label), value(rs.getObject(col), label));
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  /** The one row {@code sql} selects, or null for none. */
  public static Map<String, Object> one(Connection c, String sql, Object... params)
      throws SQLException {
    List<Map<String, Object>> rows = list(c, sql, params);
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static Object value(Object v, String label) throws SQLException {
    if (v instanceof Number n && (label.endsWith("_at") || label.equals("as_of"))) {
      return Instant.ofEpochMilli(n.longValue());
    }
    if (v instanceof Clob clob) {
      return clob.getSubString(1, (int) clob.length()); // TEXT columns on H2
    }
    return v;
  }

  static String camel(String label) {
    StringBuilder out = new StringBuilder(label.length());
    boolean upper = false;
    for (char ch : label.toCharArray()) {
      if (ch == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(ch) : ch);
        upper = false;
      }
    }
    return out.toString();
  }
}
