package io.affinity.service.api.lift;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Writes campaigns, recipients, customers and purchases with SQL for the HTTP tests. */
@Singleton
class LiftSql {
  private final TransactionOperations<Connection> tx;

  LiftSql(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  long customer(String externalId) {
    return insert(
        "INSERT INTO customers (external_id, created_at, updated_at) VALUES (?, 0, 0)", externalId);
  }

  long campaign(String name, Long startedAt, int days) {
    return insert(
        "INSERT INTO campaigns (name, kind, status, variants, control_percent, assignment_seed,"
            + " attribution_days, started_at, created_at, updated_at)"
            + " VALUES (?, 'email', 'running', '[{\"name\": \"A\"}]', 50, 1, ?, ?, 0, 0)",
        name,
        days,
        startedAt);
  }

  void segment(long customer, String rfmSegment) {
    insert(
        "INSERT INTO customer_metrics (customer_id, rfm_segment, computed_at) VALUES (?, ?, 0)",
        customer,
        rfmSegment);
  }

  void recipient(long campaign, long customer, String arm) {
    insert(
        "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state) VALUES (?, ?, ?, ?)",
        campaign,
        customer,
        arm,
        arm.equals("control") ? "control" : "sent");
  }

  void purchase(long customer, String price, long at) {
    insert(
        "INSERT INTO events (client_event_id, customer_id, type, order_id, quantity, unit_price,"
            + " occurred_at, received_at) VALUES (?, ?, 'purchase', ?, 1, ?, ?, 0)",
        UUID.randomUUID().toString(),
        customer,
        UUID.randomUUID().toString(),
        new BigDecimal(price),
        at);
  }

  private long insert(String sql, Object... params) {
    return tx.executeWrite(
        status -> {
          try (PreparedStatement ps =
              status.getConnection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < params.length; i++) {
              ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              return keys.next() ? keys.getLong(1) : 0L;
            }
          } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
          }
        });
  }
}
