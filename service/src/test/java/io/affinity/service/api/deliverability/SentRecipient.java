package io.affinity.service.api.deliverability;

import io.affinity.campaigns.campaign.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A campaign recipient whose message was sent, written with plain SQL after the customer was
 * created over the API: what a late report finds.
 *
 * @param customerId our id of the customer
 * @param campaignId the campaign
 * @param recipientId the recipient row
 * @param messageId the Message-ID the message went with
 */
record SentRecipient(long customerId, long campaignId, long recipientId, String messageId) {

  /** A running campaign that sent its message to customer {@code externalId}. */
  static SentRecipient of(Transactions tx, String externalId, String run) {
    return tx.write(
        c -> {
          long now = System.currentTimeMillis();
          long customer;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT id FROM customers WHERE external_id = ?")) {
            ps.setString(1, externalId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              customer = rs.getLong(1);
            }
          }
          long campaign;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO campaigns (name, kind, status, control_percent, assignment_seed,"
                      + " attribution_days, started_at, created_at, updated_at) VALUES (?, 'email',"
                      + " 'running', 0, 1, 7, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "webhook " + run);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.setLong(4, now);
            ps.executeUpdate();
            campaign = key(ps);
          }
          String messageId = "<c" + campaign + "." + run + "@shop.example>";
          long recipient;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state,"
                      + " attempts, message_id, sent_at) VALUES (?, ?, 'A', 'sent', 1, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, campaign);
            ps.setLong(2, customer);
            ps.setString(3, messageId);
            ps.setLong(4, now - 60_000);
            ps.executeUpdate();
            recipient = key(ps);
          }
          return new SentRecipient(customer, campaign, recipient, messageId);
        });
  }

  /** The state of the recipient row now. */
  String state(Transactions tx) {
    return tx.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT state FROM campaign_recipients WHERE id = ?")) {
            ps.setLong(1, recipientId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getString(1);
            }
          }
        });
  }

  private static long key(PreparedStatement ps) throws java.sql.SQLException {
    try (ResultSet k = ps.getGeneratedKeys()) {
      k.next();
      return k.getLong(1);
    }
  }
}
