package io.affinity.core.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Makes a query stream its rows instead of loading them all. MySQL Connector/J streams only with a
 * fetch size of {@code Integer.MIN_VALUE}; H2 rejects that value but pages large results itself.
 */
public final class Streaming {
  private Streaming() {}

  /** Lets {@code ps}, prepared on {@code c}, stream its result set on MySQL and MariaDB. */
  public static void enable(Connection c, PreparedStatement ps) throws SQLException {
    if (onMySql(c)) {
      ps.setFetchSize(Integer.MIN_VALUE);
    }
  }

  /** Whether {@code c} is MySQL Connector/J's (to MySQL or MariaDB), not H2's. */
  public static boolean onMySql(Connection c) throws SQLException {
    return c.getMetaData().getDriverName().toLowerCase(Locale.ROOT).contains("mysql");
  }
}
