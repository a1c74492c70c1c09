package io.affinity.core.household;

import io.affinity.core.attributes.AttributesCodec;
import io.affinity.core.bulk.MultiRowInsert;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts many new households at once. Unlike {@link HouseholdService#upsertAll}, households that
 * are already stored are left as they are: this is the path for loading, where a second load must
 * change nothing.
 */
@Singleton
public class HouseholdBulkInsert {
  private static final MultiRowInsert INSERT =
      new MultiRowInsert(
          "households",
          List.of(
              "external_id",
              "name",
              "address",
              "postcode",
              "country",
              "attributes",
              "created_at",
              "updated_at"));

  private final TransactionOperations<Connection> tx;
  private final AttributesCodec attributes;

  public HouseholdBulkInsert(TransactionOperations<Connection> tx, AttributesCodec attributes) {
    this.tx = tx;
    this.attributes = attributes;
  }

  /** Inserts those of {@code inputs} not stored yet, in one transaction; returns how many. */
  public int insertNew(List<HouseholdInput> inputs) {
    if (inputs.isEmpty()) {
      return 0;
    }
    long now = System.currentTimeMillis();
    List<Object[]> rows = new ArrayList<>(inputs.size());
    for (HouseholdInput in : inputs) {
      rows.add(
          new Object[] {
            in.id(),
            in.name(),
            in.address(),
            in.postcode(),
            in.country(),
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
            throw new IllegalStateException("Could not insert households", e);
          }
        });
  }
}
