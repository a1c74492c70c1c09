package io.affinity.service.api.campaigns;

import io.affinity.campaigns.campaign.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/** Writes a segment snapshot of the customers whose shop ids start with a prefix (plain SQL). */
final class Snapshots {
  private Snapshots() {}

  static long of(Transactions tx, String idPrefix) {
    return tx.write(
        c -> {
          long id;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO segment_snapshots (segment_id, segment_version, size, created_at)"
                      + " VALUES (1, 1, 0, 1)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
              k.next();
              id = k.getLong(1);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO segment_snapshot_members (snapshot_id, customer_id)"
                      + " SELECT ?, id FROM customers WHERE external_id LIKE ?")) {
            ps.setLong(1, id);
            ps.setString(2, idPrefix + "%");
            ps.executeUpdate();
          }
          return id;
        });
  }
}
