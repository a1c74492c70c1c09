package io.affinity.campaigns.lift;

import io.affinity.core.bulk.Streaming;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Index hints where the database has them. MariaDB's optimizer now and then planned the scan of a
 * period's purchases as a full table scan (3.2 million rows examined instead of 290,000) or as a
 * lookup on the event type alone with every row read from the table, from one execution of the same
 * statement to the next (seen in its slow query log); forcing the covering index leaves it the
 * range only. H2 plans these scans well without one.
 */
final class IndexHint {
  private IndexHint() {}

  /** {@code FORCE INDEX (index)} on MySQL and MariaDB, else nothing; goes after the table name. */
  static String force(Connection c, String index) throws SQLException {
    return Streaming.onMySql(c) ? " FORCE INDEX (" + index + ")" : "";
  }
}
