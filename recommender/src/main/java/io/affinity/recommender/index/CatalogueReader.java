package io.affinity.recommender.index;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the catalogue, keyed by the shop's product id, for building the index. */
@Singleton
public class CatalogueReader {
  private final TransactionOperations<Connection> tx;

  public CatalogueReader(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** Every product. */
  public Map<String, CatalogueItem> all() {
    return tx.executeRead(
        status -> {
          Map<String, CatalogueItem> items = new LinkedHashMap<>();
          try (PreparedStatement ps =
                  status
                      .getConnection()
                      .prepareStatement(
                          "SELECT external_id, name, category_path, brand, price, cost, in_stock,"
                              + " id FROM products ORDER BY id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              items.put(
                  rs.getString(1),
                  new CatalogueItem(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getBigDecimal(5),
                      rs.getBigDecimal(6),
                      rs.getBoolean(7),
                      rs.getLong(8)));
            }
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read the catalogue", e);
          }
          return items;
        });
  }
}
