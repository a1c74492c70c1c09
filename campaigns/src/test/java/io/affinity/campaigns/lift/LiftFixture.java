package io.affinity.campaigns.lift;

import io.affinity.campaigns.campaign.RecipientSegment;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Writes campaigns, recipients, customers and events with plain SQL, as the tests need them. */
@Singleton
class LiftFixture {
  private final TransactionOperations<Connection> tx;

  LiftFixture(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  long customer(String externalId) {
    return insert(
        "INSERT INTO customers (external_id, created_at, updated_at) VALUES (?, 0, 0)", externalId);
  }

  long product(String externalId, String name) {
    return insert(
        "INSERT INTO products (external_id, name, created_at, updated_at) VALUES (?, ?, 0, 0)",
        externalId,
        name);
  }

  long campaign(String name, String kind, Long startedAt, int days, String variantsJson) {
    return insert(
        "INSERT INTO campaigns (name, kind, status, variants, control_percent, assignment_seed,"
            + " attribution_days, started_at, created_at, updated_at)"
            + " VALUES (?, ?, 'running', ?, 10, 1, ?, ?, 0, 0)",
        name,
        kind,
        variantsJson,
        days,
        startedAt);
  }

  /** A recipient row as the campaign's launch writes it, with the customer's segment now. */
  void recipient(long campaign, long customer, String arm, Long sentAt) {
    insert(
        "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state, sent_at,"
            + " rfm_segment) VALUES (?, ?, ?, ?, ?, "
            + RecipientSegment.OF_CUSTOMER
            + ")",
        campaign,
        customer,
        arm,
        arm.equals("control") ? "control" : sentAt == null ? "failed" : "sent",
        sentAt,
        customer);
  }

  /**
   * A new customer {@code externalId}, in RFM segment {@code segment} (none: no metrics), made a
   * recipient of {@code campaign}; returns the customer's id.
   */
  long member(long campaign, String externalId, String arm, Long sentAt, String segment) {
    long id = customer(externalId);
    if (segment != null) {
      segment(id, segment);
    }
    recipient(campaign, id, arm, sentAt);
    return id;
  }

  /** Records that {@code customer}'s message of {@code campaign} went out at {@code sentAt}. */
  void send(long campaign, long customer, long sentAt) {
    update(
        "UPDATE campaign_recipients SET state = 'sent', sent_at = ?"
            + " WHERE campaign_id = ? AND customer_id = ?",
        sentAt,
        campaign,
        customer);
  }

  /** Runs {@code sql} with {@code params}; returns how many rows it changed. */
  int update(String sql, Object... params) {
    return tx.executeWrite(
        status -> {
          try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
              ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
          } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
          }
        });
  }

  /** An event; {@code price} may be null for events without one. Returns its id. */
  long event(
      long customer,
      String type,
      Long product,
      String order,
      Integer quantity,
      String price,
      long at,
      Long campaign) {
    return insert(
        "INSERT INTO events (client_event_id, customer_id, product_id, type, order_id, quantity,"
            + " unit_price, occurred_at, campaign_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, 0)",
        UUID.randomUUID().toString(),
        customer,
        product,
        type,
        order,
        quantity,
        price == null ? null : new BigDecimal(price),
        at,
        campaign);
  }

  /**
   * Makes event {@code id} a purchase of one item at {@code price} in order {@code order}: as a
   * purchase committed only after events with higher ids had been read would appear (the product
   * never changes an event).
   */
  void appearAsPurchase(long id, String order, String price) {
    insert(
        "UPDATE events SET type = 'purchase', order_id = ?, quantity = 1, unit_price = ?"
            + " WHERE id = ?",
        order,
        new BigDecimal(price),
        id);
  }

  void segment(long customer, String rfmSegment) {
    insert(
        "INSERT INTO customer_metrics (customer_id, rfm_segment, computed_at) VALUES (?, ?, 0)",
        customer,
        rfmSegment);
  }

  /** Moves {@code customer} to another segment, as a recompute of the metrics would. */
  void resegment(long customer, String rfmSegment) {
    insert(
        "UPDATE customer_metrics SET rfm_segment = ? WHERE customer_id = ?", rfmSegment, customer);
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
