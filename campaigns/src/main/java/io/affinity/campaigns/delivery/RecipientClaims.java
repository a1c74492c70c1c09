package io.affinity.campaigns.delivery;

import io.affinity.campaigns.campaign.RecipientState;
import io.affinity.campaigns.campaign.Transactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Claims batches of pending recipients for one worker and records what became of them.
 *
 * <p>A claim is its own transaction and is committed before anything is sent: after that, the rows
 * are {@code claimed} by this worker and no other worker touches them. On MySQL/MariaDB the rows
 * are picked with {@code SELECT ... FOR UPDATE SKIP LOCKED} (under READ COMMITTED), so concurrent
 * workers take different rows without waiting. H2 returns no rows for SKIP LOCKED in some cases, so
 * on H2 the select locks plainly (concurrent claimers wait for each other). On both, the update
 * only takes rows still pending, and the worker reads back exactly the rows its claim token took.
 */
@Singleton
public class RecipientClaims {
  private final Transactions tx;
  private volatile Boolean skipLocked;

  public RecipientClaims(Transactions tx) {
    this.tx = tx;
  }

  /**
   * Claims up to {@code limit} pending recipients of campaign {@code campaignId} that are due at
   * {@code now}, for {@code workerId}; commits the claim.
   */
  public List<ClaimedRecipient> claim(long campaignId, String workerId, int limit, long now) {
    return tx.write(
        c -> {
          if (!isRunning(c, campaignId)) {
            return List.of();
          }
          List<Long> ids = pick(c, campaignId, limit, now);
          if (ids.isEmpty()) {
            return List.of();
          }
          String token = UUID.randomUUID().toString();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE campaign_recipients SET state = 'claimed', claimed_by = ?,"
                      + " claimed_at = ?, claim_token = ? WHERE id IN ("
                      + marks(ids.size())
                      + ") AND state = 'pending'")) {
            ps.setString(1, workerId);
            ps.setLong(2, now);
            ps.setString(3, token);
            for (int i = 0; i < ids.size(); i++) {
              ps.setLong(i + 4, ids.get(i));
            }
            ps.executeUpdate();
          }
          return readBack(c, campaignId, token);
        });
  }

  /**
   * Whether campaign {@code campaignId} has pending recipients, and when the earliest is due.
   *
   * @return the epoch millis the next pending recipient is due (0 if one is due now), or -1 if none
   *     is pending
   */
  public long nextDue(long campaignId) {
    return tx.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COUNT(*), MIN(COALESCE(next_attempt_at, 0)) FROM campaign_recipients"
                      + " WHERE campaign_id = ? AND state = 'pending'")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1) == 0 ? -1 : rs.getLong(2);
            }
          }
        });
  }

  /** Records {@code outcomes} of rows {@code workerId} claimed, in one transaction. */
  public void record(long campaignId, String workerId, List<Outcome> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    // Rows in id order: concurrent writers then lock in the same order.
    List<Outcome> sorted =
        outcomes.stream().sorted(java.util.Comparator.comparingLong(Outcome::recipientId)).toList();
    tx.write(
        c -> {
          try (PreparedStatement sent =
                  c.prepareStatement(
                      "UPDATE campaign_recipients SET state = 'sent', sent_at = ?, message_id = ?,"
                          + " attempts = attempts + 1, error = NULL WHERE id = ? AND claimed_by = ?"
                          + " AND state IN ('claimed', 'ambiguous')");
              PreparedStatement pending =
                  c.prepareStatement(
                      // A row released after its campaign was cancelled is cancelled, not pending.
                      "UPDATE campaign_recipients SET state = CASE WHEN (SELECT status FROM"
                          + " campaigns WHERE id = ?) = 'cancelled' THEN 'cancelled' ELSE"
                          + " 'pending' END, next_attempt_at = ?,"
                          + " attempts = attempts + ?, error = ?, claimed_by = NULL,"
                          + " claim_token = NULL WHERE id = ? AND claimed_by = ?"
                          + " AND state = 'claimed'");
              PreparedStatement other =
                  c.prepareStatement(
                      "UPDATE campaign_recipients SET state = ?, error = ?,"
                          + " attempts = attempts + ? WHERE id = ? AND claimed_by = ?"
                          + " AND state IN ('claimed', 'ambiguous')");
              PreparedStatement suppress =
                  c.prepareStatement(
                      "INSERT IGNORE INTO email_suppressions (email, reason, detail, campaign_id,"
                          + " created_at) VALUES (?, 'bounced', ?, ?, ?)")) {
            for (Outcome o : sorted) {
              if (o.state() == RecipientState.SENT) {
                sent.setLong(1, o.at());
                sent.setString(2, o.messageId());
                sent.setLong(3, o.recipientId());
                sent.setString(4, workerId);
                sent.addBatch();
              } else if (o.state() == RecipientState.PENDING) {
                pending.setLong(1, campaignId);
                if (o.at() == null) {
                  pending.setNull(2, java.sql.Types.BIGINT);
                } else {
                  pending.setLong(2, o.at());
                }
                pending.setInt(3, o.attempted() ? 1 : 0);
                pending.setString(4, clip(o.error()));
                pending.setLong(5, o.recipientId());
                pending.setString(6, workerId);
                pending.addBatch();
              } else {
                other.setString(1, o.state().wireName());
                other.setString(2, clip(o.error()));
                other.setInt(3, o.attempted() ? 1 : 0);
                other.setLong(4, o.recipientId());
                other.setString(5, workerId);
                other.addBatch();
              }
              if (o.bouncedEmail() != null) {
                suppress.setString(1, o.bouncedEmail().trim().toLowerCase(java.util.Locale.ROOT));
                suppress.setString(2, clip(o.error()));
                suppress.setLong(3, campaignId);
                suppress.setLong(4, now);
                suppress.addBatch();
              }
            }
            sent.executeBatch();
            pending.executeBatch();
            other.executeBatch();
            suppress.executeBatch();
          }
          return null;
        });
  }

  /** Whether the campaign is running now: a paused or cancelled one gets no new claims. */
  private static boolean isRunning(Connection c, long campaignId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT status FROM campaigns WHERE id = ?")) {
      ps.setLong(1, campaignId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && "running".equals(rs.getString(1));
      }
    }
  }

  // No ORDER BY: any pending rows will do, and H2 would otherwise read and sort every pending row
  // of the campaign to return the first few (index order is id order within a state anyway).
  private List<Long> pick(Connection c, long campaignId, int limit, long now) throws SQLException {
    String lock = skipLocked(c) ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM campaign_recipients WHERE campaign_id = ? AND state = 'pending'"
                + " AND (next_attempt_at IS NULL OR next_attempt_at <= ?) LIMIT ?"
                + lock)) {
      ps.setLong(1, campaignId);
      ps.setLong(2, now);
      ps.setInt(3, limit);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  private static List<ClaimedRecipient> readBack(Connection c, long campaignId, String token)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.id, r.customer_id, r.arm, r.attempts, cu.email, cu.email_consent,"
                + " cu.consent_source, s.reason, r.trigger_product_id FROM campaign_recipients r"
                + " LEFT JOIN customers cu ON cu.id = r.customer_id"
                + " LEFT JOIN email_suppressions s ON s.email = LOWER(cu.email)"
                + " WHERE r.campaign_id = ? AND r.state = 'claimed' AND r.claim_token = ?"
                + " ORDER BY r.id")) {
      ps.setLong(1, campaignId);
      ps.setString(2, token);
      List<ClaimedRecipient> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ClaimedRecipient(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getString(5),
                  rs.getBoolean(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getObject(9, Long.class)));
        }
      }
      return Collections.unmodifiableList(out);
    }
  }

  private boolean skipLocked(Connection c) throws SQLException {
    Boolean s = skipLocked;
    if (s == null) {
      s = !c.getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
      skipLocked = s;
    }
    return s;
  }

  private static String marks(int n) {
    return "?, ".repeat(n - 1) + "?";
  }

  private static String clip(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 500);
  }
}
