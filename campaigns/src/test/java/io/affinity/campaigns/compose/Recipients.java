package io.affinity.campaigns.compose;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Inserts a campaign and recipient rows as delivery would, for tests of composing and tracking. */
public final class Recipients {
  private final TransactionOperations<Connection> tx;

  public Recipients(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /** A new running campaign's id. */
  public long campaign(String name) {
    return insert(
        "INSERT INTO campaigns (name, kind, status, control_percent, assignment_seed,"
            + " attribution_days, created_at, updated_at) VALUES (?, 'email', 'running', 0, 1, 7,"
            + " 0, 0)",
        name);
  }

  /**
   * A recipient row of {@code campaignId} for customer {@code externalId}, sent at {@code sentAt}.
   */
  public long recipient(long campaignId, String externalId, long sentAt) {
    return tx.executeWrite(
        status -> {
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state,"
                          + " sent_at) SELECT ?, id, 'A', 'sent', ? FROM customers"
                          + " WHERE external_id = ?",
                      Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, campaignId);
            ps.setLong(2, sentAt);
            ps.setString(3, externalId);
            if (ps.executeUpdate() != 1) {
              throw new IllegalStateException("no customer " + externalId);
            }
            return key(ps);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** Our id of customer {@code externalId}. */
  public long customerId(String externalId) {
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement("SELECT id FROM customers WHERE external_id = ?")) {
            ps.setString(1, externalId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private long insert(String sql, String value) {
    return tx.executeWrite(
        status -> {
          try (PreparedStatement ps =
              status.getConnection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, value);
            ps.executeUpdate();
            return key(ps);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static long key(PreparedStatement ps) throws SQLException {
    try (ResultSet keys = ps.getGeneratedKeys()) {
      keys.next();
      return keys.getLong(1);
    }
  }
}
