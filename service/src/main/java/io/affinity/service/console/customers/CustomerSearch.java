package io.affinity.service.console.customers;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds customers by the shop's id (exact), e-mail (from its start, the index on e-mail serves it)
 * or name (anywhere in it, case-insensitive: a scan of the table, bounded by {@link #LIMIT} rows).
 * Erased customers are left out.
 */
@Singleton
public class CustomerSearch {
  /** The most customers one search returns. */
  public static final int LIMIT = 50;

  /** The longest query read; the rest is ignored. */
  public static final int MAX_QUERY = 100;

  /** A customer found. */
  public record Hit(String id, String name, String email) {}

  private final TransactionOperations<Connection> tx;

  public CustomerSearch(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** The customers matching {@code query}, ids first; empty for a blank query. */
  public List<Hit> search(String query) {
    String q = query == null ? "" : query.strip();
    if (q.length() > MAX_QUERY) {
      q = q.substring(0, MAX_QUERY);
    }
    if (q.isEmpty()) {
      return List.of();
    }
    String like = escape(q.toLowerCase(Locale.ROOT));
    String exact = q;
    return tx.executeRead(
        status -> {
          List<Hit> hits = new ArrayList<>();
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT external_id, name, email FROM customers WHERE erased_at IS NULL AND"
                          + " (external_id = ? OR email LIKE ? ESCAPE '!' OR LOWER(name) LIKE ?"
                          + " ESCAPE '!') ORDER BY CASE WHEN external_id = ? THEN 0 ELSE 1 END,"
                          + " name, external_id")) {
            ps.setString(1, exact);
            ps.setString(2, like + "%");
            ps.setString(3, "%" + like + "%");
            ps.setString(4, exact);
            ps.setMaxRows(LIMIT);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                hits.add(
                    new Hit(
                        rs.getString(1),
                        rs.getString(2) == null ? "" : rs.getString(2),
                        rs.getString(3) == null ? "" : rs.getString(3)));
              }
            }
          }
          return hits;
        });
  }

  /** {@code s} with LIKE's wildcards taken literally (escape character {@code !}). */
  static String escape(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
