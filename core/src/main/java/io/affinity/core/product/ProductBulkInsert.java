package io.affinity.core.product;

import io.affinity.core.attributes.AttributesCodec;
import io.affinity.core.bulk.MultiRowInsert;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts many new products at once. Unlike {@link ProductService#upsertAll}, products that are
 * already stored are left as they are: this is the path for loading, where a second load must
 * change nothing.
 */
@Singleton
public class ProductBulkInsert {
  private static final MultiRowInsert INSERT =
      new MultiRowInsert(
          "products",
          List.of(
              "external_id",
              "name",
              "category_path",
              "brand",
              "price",
              "cost",
              "in_stock",
              "url",
              "image_url",
              "attributes",
              "created_at",
              "updated_at"));

  private final TransactionOperations<Connection> tx;
  private final AttributesCodec attributes;

  public ProductBulkInsert(TransactionOperations<Connection> tx, AttributesCodec attributes) {
    this.tx = tx;
    this.attributes = attributes;
  }

  /**
   * Inserts those of {@code inputs} not stored yet, in one transaction; returns how many. A product
   * without {@code inStock} is in stock, as with {@link ProductService#upsertAll}.
   */
  public int insertNew(List<ProductInput> inputs) {
    if (inputs.isEmpty()) {
      return 0;
    }
    long now = System.currentTimeMillis();
    List<Object[]> rows = new ArrayList<>(inputs.size());
    for (ProductInput in : inputs) {
      rows.add(
          new Object[] {
            in.id(),
            in.name(),
            in.categoryPath(),
            in.brand(),
            in.price(),
            in.cost(),
            in.inStock() == null || in.inStock(),
            in.url(),
            in.imageUrl(),
            attributes.write(in.attributes()),
            now,
            now
          });
    }
    return tx.executeWrite(
        status -> {
          try {
            return INSERT.insertIgnore(status.getConnection(), rows);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not insert products", e);
          }
        });
  }
}
