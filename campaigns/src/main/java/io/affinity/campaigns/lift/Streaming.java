package io.affinity.campaigns.lift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Makes a query stream its rows instead of loading them all: MySQL Connector/J streams only with a
 * fetch size of {@code Integer.MIN_VALUE}, which H2 rejects (it pages large results itself).
 */
final class Streaming {
  private Streaming() {}

  static void enable(Connection c, PreparedStatement ps) throws SQLException {
    if (c.getMetaData().getDriverName().toLowerCase(Locale.ROOT).contains("mysql")) {
      ps.setFetchSize(Integer.MIN_VALUE);
    }
  }
}
