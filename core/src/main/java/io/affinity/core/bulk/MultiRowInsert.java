package io.affinity.core.bulk;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Inserts rows into one table with multi-row {@code INSERT IGNORE} statements: one round trip per
 * {@value #ROWS_PER_STATEMENT} rows, and a row whose unique key is already stored is skipped. H2 in
 * MySQL mode and MySQL/MariaDB both accept the statement.
 */
public final class MultiRowInsert {
  /** Rows per statement; with 15 columns this stays far below the 65,535 parameters of MySQL. */
  public static final int ROWS_PER_STATEMENT = 1000;

  private final String head;
  private final String plainHead;
  private final String row;
  private final int columns;
  private final String fullSql;

  /** An insert into {@code table} of the given {@code columns}, in the order rows give them. */
  public MultiRowInsert(String table, List<String> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("columns must not be empty");
    }
    this.columns = columns.size();
    this.plainHead = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
    this.head = "INSERT IGNORE " + plainHead.substring("INSERT ".length());
    this.row = "(" + "?, ".repeat(columns.size() - 1) + "?)";
    this.fullSql = sql(head, ROWS_PER_STATEMENT);
  }

  /**
   * Inserts {@code rows}, each an array of one value per column (String, Long, Integer, Boolean,
   * Double, BigDecimal or null), skipping those whose key is stored already; returns how many were
   * new.
   *
   * @throws IllegalArgumentException if a row has the wrong number of values or a value of another
   *     type
   */
  public int insertIgnore(Connection c, List<Object[]> rows) throws SQLException {
    return insert(c, rows, true);
  }

  /**
   * Inserts {@code rows} like {@link #insertIgnore}, but a row whose key is stored already fails
   * the statement: for rows known to be new, where a clash is a bug to hear about.
   */
  public int insert(Connection c, List<Object[]> rows) throws SQLException {
    return insert(c, rows, false);
  }

  private int insert(Connection c, List<Object[]> rows, boolean ignore) throws SQLException {
    int inserted = 0;
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
      String sql =
          ignore && chunk.size() == ROWS_PER_STATEMENT
              ? fullSql
              : sql(ignore ? head : plainHead, chunk.size());
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int p = 1;
        for (Object[] values : chunk) {
          if (values.length != columns) {
            throw new IllegalArgumentException(
                "a row needs " + columns + " values, got " + values.length);
          }
          for (Object v : values) {
            bind(ps, p++, v);
          }
        }
        inserted += ps.executeUpdate();
      }
    }
    return inserted;
  }

  private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.NULL);
    } else if (value instanceof String s) {
      ps.setString(index, s);
    } else if (value instanceof Long l) {
      ps.setLong(index, l);
    } else if (value instanceof Integer i) {
      ps.setInt(index, i);
    } else if (value instanceof Boolean b) {
      ps.setBoolean(index, b);
    } else if (value instanceof Double d) {
      ps.setDouble(index, d);
    } else if (value instanceof BigDecimal d) {
      ps.setBigDecimal(index, d);
    } else {
      throw new IllegalArgumentException("cannot bind a " + value.getClass().getName());
    }
  }

  private String sql(String head, int rows) {
    StringBuilder s = new StringBuilder(head.length() + rows * (row.length() + 2)).append(head);
    for (int i = 0; i < rows; i++) {
      s.append(i == 0 ? "" : ", ").append(row);
    }
    return s.toString();
  }
}
