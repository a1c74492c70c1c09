package io.affinity.campaigns.deliverability;

import io.affinity.campaigns.campaign.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes, with plain SQL, a running campaign whose recipients were sent their message: what a late
 * report finds. Every id carries the test's run id.
 */
final class SentRecipients {
  /** One recipient row: its id, its customer's id, address and the Message-ID it was sent with. */
  record Sent(long recipientId, long customerId, String email, String messageId) {}

  private final Transactions tx;

  SentRecipients(Transactions tx) {
    this.tx = tx;
  }

  /** A campaign with one sent recipient per address (new consenting customers); its rows. */
  List<Sent> campaign(String run, List<String> emails) {
    return tx.write(
        c -> {
          long now = System.currentTimeMillis();
          long campaign;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO campaigns (name, kind, status, control_percent, assignment_seed,"
                      + " attribution_days, started_at, created_at, updated_at) VALUES (?, 'email',"
                      + " 'running', 0, 1, 7, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "deliverability " + run);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.setLong(4, now);
            ps.executeUpdate();
            campaign = key(ps);
          }
          List<Sent> sent = new ArrayList<>();
          for (int i = 0; i < emails.size(); i++) {
            long customer;
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO customers (external_id, email, name, email_consent,"
                        + " consent_state, consent_source, consent_at, created_at, updated_at)"
                        + " VALUES (?, ?, ?, TRUE, 'granted', 'api', ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
              ps.setString(1, run + "-c" + i);
              ps.setString(2, emails.get(i));
              ps.setString(3, "Customer " + i);
              ps.setLong(4, now - 86_400_000L);
              ps.setLong(5, now);
              ps.setLong(6, now);
              ps.executeUpdate();
              customer = key(ps);
            }
            String messageId = "<c" + campaign + ".r" + run + i + "@shop.example>";
            long recipient;
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO campaign_recipients (campaign_id, customer_id, arm, state,"
                        + " attempts, message_id, sent_at) VALUES (?, ?, 'A', 'sent', 1, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
              ps.setLong(1, campaign);
              ps.setLong(2, customer);
              ps.setString(3, messageId);
              ps.setLong(4, now - 3_600_000L);
              ps.executeUpdate();
              recipient = key(ps);
            }
            sent.add(new Sent(recipient, customer, emails.get(i), messageId));
          }
          return sent;
        });
  }

  /** The state and error of recipient row {@code id}. */
  String[] recipient(long id) {
    return tx.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT state, error FROM campaign_recipients WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return new String[] {rs.getString(1), rs.getString(2)};
            }
          }
        });
  }

  /** The consent state and source of customer {@code id}. */
  String[] consent(long id) {
    return tx.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT email_consent, consent_state, consent_source FROM customers WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return new String[] {
                String.valueOf(rs.getBoolean(1)), rs.getString(2), rs.getString(3)
              };
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
