package io.affinity.recommender.offers;

import io.affinity.core.bulk.MultiRowInsert;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Records which offers a customer was shown (by an e-mail sent, or an impression the shop reports),
 * and which have reached their cap.
 */
@Singleton
public class OfferExposures {
  private static final long DAY = 86_400_000L;
  private static final MultiRowInsert IMPRESSIONS =
      new MultiRowInsert(
          "offer_exposures", List.of("customer_id", "item_id", "shown_at", "impression_key"));

  private final TransactionOperations<Connection> tx;

  public OfferExposures(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** Items shown to {@code customer} at least {@code maxShows} times since {@code since}. */
  public Set<String> capped(String customer, long since, int maxShows) {
    return tx.executeRead(
        status -> {
          String sql =
              "SELECT item_id FROM offer_exposures WHERE customer_id = ? AND shown_at >= ?"
                  + " GROUP BY item_id HAVING COUNT(*) >= ?";
          Set<String> items = new HashSet<>();
          try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
            ps.setString(1, customer);
            ps.setLong(2, since);
            ps.setInt(3, maxShows);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                items.add(rs.getString(1));
              }
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read offer exposures", e);
          }
          return items;
        });
  }

  /**
   * Items shown to {@code customer} at least {@code shows} times since {@code since} that they did
   * not click (a click event on the item, from a campaign or the shop) in that time.
   */
  public Set<String> ignored(String customer, long since, int shows) {
    Set<String> items = capped(customer, since, shows);
    if (items.isEmpty()) {
      return items;
    }
    return tx.executeRead(
        status -> {
          String sql =
              "SELECT p.external_id FROM events e"
                  + " JOIN customers c ON c.id = e.customer_id"
                  + " JOIN products p ON p.id = e.product_id"
                  + " WHERE c.external_id = ? AND e.type = 'click' AND e.occurred_at >= ?";
          try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
            ps.setString(1, customer);
            ps.setLong(2, since);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                items.remove(rs.getString(1));
              }
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read clicks", e);
          }
          return items;
        });
  }

  /**
   * Records impressions the shop reports: {@code customer} was shown {@code items} as offers of
   * {@code type} at {@code now}, each counted once per impression. An impression is named by the
   * client's {@code impressionId} when given (one page view, say), else by the customer, item, type
   * and UTC day of {@code now}; reporting it again records nothing. Returns how many were new.
   */
  public int recordImpressions(
      String customer,
      Collection<String> items,
      @Nullable String type,
      @Nullable String impressionId,
      long now) {
    if (items.isEmpty()) {
      return 0;
    }
    List<Object[]> rows = new ArrayList<>();
    for (String item : new LinkedHashSet<>(items)) {
      String identity =
          impressionId != null
              ? "id\n" + customer + "\n" + impressionId + "\n" + item
              : "day\n"
                  + customer
                  + "\n"
                  + item
                  + "\n"
                  + (type == null ? "" : type)
                  + "\n"
                  + Math.floorDiv(now, DAY);
      rows.add(new Object[] {customer, item, now, digest(identity)});
    }
    return tx.executeWrite(
        status -> {
          try {
            return IMPRESSIONS.insertIgnore(status.getConnection(), rows);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not record offer impressions", e);
          }
        });
  }

  /** The SHA-256 of {@code text} in hex: a fixed-size key whatever the client's id. */
  private static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records that {@code customer} was shown {@code items} at {@code now}. */
  public void record(String customer, Collection<String> items, long now) {
    if (items.isEmpty()) {
      return;
    }
    tx.executeWrite(
        status -> {
          StringBuilder sql =
              new StringBuilder(
                  "INSERT INTO offer_exposures (customer_id, item_id, shown_at) VALUES ");
          for (int i = 0; i < items.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
          }
          try (PreparedStatement ps = status.getConnection().prepareStatement(sql.toString())) {
            int p = 1;
            for (String item : items) {
              ps.setString(p++, customer);
              ps.setString(p++, item);
              ps.setLong(p++, now);
            }
            return ps.executeUpdate();
          } catch (SQLException e) {
            throw new IllegalStateException("Could not record offer exposures", e);
          }
        });
  }
}
