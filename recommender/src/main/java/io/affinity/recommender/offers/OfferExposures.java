package io.affinity.recommender.offers;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Records which offers a customer was shown, and which have reached their cap. */
@Singleton
public class OfferExposures {
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
