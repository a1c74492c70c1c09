package io.affinity.campaigns.delivery;

import io.affinity.campaigns.campaign.RecipientState;
import io.affinity.campaigns.campaign.Transactions;
import io.affinity.core.consent.AddressHasher;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.core.consent.SuppressionList;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims batches of pending recipients for one worker and records what became of them.
 *
 * <p>A claim is its own transaction and is committed before anything is sent: after that, the rows
 * are {@code claimed} by this worker and no other worker touches them. On MySQL/MariaDB the rows
 * are picked with {@code SELECT ... FOR UPDATE SKIP LOCKED} (under READ COMMITTED), so concurrent
 * workers take different rows without waiting. H2 returns no rows for SKIP LOCKED in some cases, so
 * on H2 the select locks plainly (concurrent claimers wait for each other). On both, the update
 * only takes rows still pending, and the worker reads back exactly the rows its claim token took.
 *
 * <p>The send-time checks are read with the claim: consent and the campaign's topic with the rows,
 * the addresses' entries on the hashed suppression list ({@link SuppressionList}) with one more
 * query. The frequency cap ({@link FrequencyCap}) is read after the claim is committed, so that a
 * claim of the same person by another campaign is seen by at least one of the two checks.
 */
@Singleton
public class RecipientClaims {
  private static final Logger LOG = LoggerFactory.getLogger(RecipientClaims.class);

  private final Transactions tx;
  private final SuppressionList suppressions;
  private final ConsentLedger ledger;
  private final FrequencyCap cap;
  private volatile Boolean skipLocked;

  public RecipientClaims(
      Transactions tx, SuppressionList suppressions, ConsentLedger ledger, FrequencyCap cap) {
    this.tx = tx;
    this.suppressions = suppressions;
    this.ledger = ledger;
    this.cap = cap;
  }

  /** The campaign row as far as a claim is concerned. */
  private record CampaignRow(String status, String topic) {}

  /** A committed claim and the topic of its campaign. */
  private record Claim(List<ClaimedRecipient> recipients, String topic) {
    static final Claim NONE = new Claim(List.of(), null);
  }

  /**
   * Claims up to {@code limit} pending recipients of campaign {@code campaignId} that are due at
   * {@code now}, for {@code workerId}; commits the claim.
   */
  public List<ClaimedRecipient> claim(long campaignId, String workerId, int limit, long now) {
    Claim claim =
        tx.write(
            c -> {
              CampaignRow campaign = campaign(c, campaignId);
              if (campaign == null || !"running".equals(campaign.status())) {
                return Claim.NONE;
              }
              List<ClaimedRecipient> claimed =
                  take(c, campaignId, campaign.topic(), workerId, limit, now);
              return new Claim(withSuppressions(c, claimed), campaign.topic());
            });
    if (claim.recipients().isEmpty()) {
      return claim.recipients();
    }
    try {
      return tx.read(c -> withCaps(c, campaignId, claim.topic(), claim.recipients(), now));
    } catch (RuntimeException e) {
      // Nothing was sent: give the rows back rather than leave them claimed (then ambiguous).
      try {
        record(
            campaignId,
            workerId,
            claim.recipients().stream().map(r -> Outcome.released(r.id())).toList());
      } catch (RuntimeException again) {
        LOG.warn("Campaign {}: could not release a batch after a failed check", campaignId, again);
      }
      throw e;
    }
  }

  /** Claims up to {@code limit} due pending rows for {@code workerId} and reads them back. */
  private List<ClaimedRecipient> take(
      Connection c, long campaignId, String topic, String workerId, int limit, long now)
      throws SQLException {
    List<Long> ids = pick(c, campaignId, limit, now);
    if (ids.isEmpty()) {
      return List.of();
    }
    String token = UUID.randomUUID().toString();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE campaign_recipients SET state = 'claimed', claimed_by = ?,"
                + " claimed_at = ?, claim_token = ?, handed_at = NULL WHERE id IN ("
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
    return readBack(c, campaignId, token, topic);
  }

  /** {@code claimed} with the suppression-list entries of their addresses (one query). */
  private List<ClaimedRecipient> withSuppressions(Connection c, List<ClaimedRecipient> claimed)
      throws SQLException {
    List<String> addresses = new ArrayList<>();
    for (ClaimedRecipient r : claimed) {
      if (r.email() != null && !r.email().isBlank()) {
        addresses.add(r.email());
      }
    }
    Map<String, String> reasons = suppressions.reasons(c, addresses);
    if (reasons.isEmpty()) {
      return claimed;
    }
    List<ClaimedRecipient> out = new ArrayList<>(claimed.size());
    for (ClaimedRecipient r : claimed) {
      String reason = r.email() == null ? null : reasons.get(AddressHasher.normalise(r.email()));
      out.add(reason == null ? r : r.withSuppression(reason));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * {@code claimed} with the frequency cap's verdict on those who pass every other check (a
   * suppressed person is reported as suppressed, and does not use up anyone's cap).
   */
  private List<ClaimedRecipient> withCaps(
      Connection c, long campaignId, String topic, List<ClaimedRecipient> claimed, long now)
      throws SQLException {
    List<ClaimedRecipient> sendable = new ArrayList<>();
    for (ClaimedRecipient r : claimed) {
      if (r.suppressionReason() == null) {
        sendable.add(r);
      }
    }
    Map<Long, String> over = cap.over(c, campaignId, topic, sendable, now);
    if (over.isEmpty()) {
      return claimed;
    }
    List<ClaimedRecipient> out = new ArrayList<>(claimed.size());
    for (ClaimedRecipient r : claimed) {
      String reason = over.get(r.id());
      out.add(reason == null ? r : r.withCap(reason));
    }
    return Collections.unmodifiableList(out);
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
    tx.write(
        c -> {
          write(c, campaignId, workerId, outcomes);
          return null;
        });
  }

  /**
   * Records {@code outcomes} (may be empty) and marks row {@code recipientId} as being handed to
   * the SMTP server now ({@code handed_at}) with {@code messageId}, in one transaction, committed
   * before anything of the message is sent. The mark changes no indexed column (it costs a commit,
   * not index updates). It is a compare-and-set: it takes the row only while it is still {@code
   * claimed} by {@code workerId} and unmarked, so a row a sweep gave back (this worker was taken
   * for dead) and another worker claimed is never sent by both.
   *
   * @return whether the row was marked; if not, its message must not be sent
   */
  public boolean handing(
      long campaignId,
      String workerId,
      List<Outcome> outcomes,
      long recipientId,
      String messageId,
      long now) {
    return tx.write(
        c -> {
          write(c, campaignId, workerId, outcomes);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE campaign_recipients SET message_id = ?, handed_at = ? WHERE id = ?"
                      + " AND claimed_by = ? AND state = 'claimed' AND handed_at IS NULL")) {
            ps.setString(1, messageId);
            ps.setLong(2, now);
            ps.setLong(3, recipientId);
            ps.setString(4, workerId);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** Writes {@code outcomes} of rows {@code workerId} claimed on {@code c}. */
  private void write(Connection c, long campaignId, String workerId, List<Outcome> outcomes)
      throws SQLException {
    if (outcomes.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    // Rows in id order: concurrent writers then lock in the same order.
    List<Outcome> sorted =
        outcomes.stream().sorted(java.util.Comparator.comparingLong(Outcome::recipientId)).toList();
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
                    + " claim_token = NULL, handed_at = NULL WHERE id = ? AND claimed_by = ?"
                    + " AND state = 'claimed'");
        PreparedStatement other =
            c.prepareStatement(
                "UPDATE campaign_recipients SET state = ?, error = ?,"
                    + " attempts = attempts + ? WHERE id = ? AND claimed_by = ?"
                    + " AND state IN ('claimed', 'ambiguous')")) {
      List<ConsentStatement> withdrawals = new ArrayList<>();
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
          // A hard bounce: the address goes on the list (with this campaign) and the
          // person's consent is withdrawn in the ledger, with the rows' outcome.
          suppressions.suppress(
              c, o.bouncedEmail(), SuppressionList.BOUNCED, o.error(), campaignId);
          if (o.bouncedCustomer() != null) {
            withdrawals.add(
                ConsentStatement.email(
                    o.bouncedCustomer(),
                    false,
                    now,
                    ConsentSource.BOUNCE,
                    "campaign " + campaignId));
          }
        }
      }
      sent.executeBatch();
      pending.executeBatch();
      other.executeBatch();
      if (!withdrawals.isEmpty()) {
        ledger.record(c, withdrawals);
      }
    }
  }

  /**
   * The campaign's status (a paused or cancelled one gets no new claims) and topic; null if there
   * is no such campaign.
   */
  private static CampaignRow campaign(Connection c, long campaignId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT status, topic FROM campaigns WHERE id = ?")) {
      ps.setLong(1, campaignId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new CampaignRow(rs.getString(1), rs.getString(2)) : null;
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

  /**
   * The rows claim {@code token} took, with the customer's address, consent and chosen frequency,
   * and whether they left {@code topic} (a {@code consent_topics} row saying so).
   */
  private static List<ClaimedRecipient> readBack(
      Connection c, long campaignId, String token, String topic) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.id, r.customer_id, r.arm, r.attempts, cu.email, cu.email_consent,"
                + " cu.consent_state, cu.consent_source, cu.email_frequency, "
                + (topic == null ? "NULL" : "t.granted")
                + ", r.trigger_product_id, r.message_id FROM campaign_recipients r"
                + " LEFT JOIN customers cu ON cu.id = r.customer_id"
                + (topic == null
                    ? ""
                    : " LEFT JOIN consent_topics t ON t.customer_id = r.customer_id"
                        + " AND t.channel = 'email' AND t.topic = ?")
                + " WHERE r.campaign_id = ? AND r.state = 'claimed' AND r.claim_token = ?"
                + " ORDER BY r.id")) {
      int p = 1;
      if (topic != null) {
        ps.setString(p++, topic);
      }
      ps.setLong(p++, campaignId);
      ps.setString(p, token);
      List<ClaimedRecipient> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          boolean granted = rs.getBoolean(10);
          boolean left = !rs.wasNull() && !granted;
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
                  rs.getString(9),
                  null,
                  left ? topic : null,
                  null,
                  rs.getObject(11, Long.class),
                  rs.getString(12)));
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
