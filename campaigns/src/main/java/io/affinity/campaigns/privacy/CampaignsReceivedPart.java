package io.affinity.campaigns.privacy;

import io.affinity.core.privacy.ExportRows;
import io.affinity.core.privacy.PersonalDataPart;
import io.affinity.core.privacy.PrivacySubject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Campaigns received (one recipient row each: arm, state, when sent, with the opens, clicks and
 * unsubscribes counted) and the tracking hits behind them (opens and clicks with the browser and a
 * keyed hash of the client's IP address).
 *
 * <p>Erasure clears the browsers and IP hashes of the tracking hits and takes the address out of
 * the recipient rows' error texts (a bounce reply often quotes it). The recipient rows stay: arm,
 * state and times are what the lift report counts, and a report that counted the person must give
 * the same figures afterwards. The hits stay without their client, for the engagement figures.
 */
@Singleton
public class CampaignsReceivedPart implements PersonalDataPart {
  private static final String ERASED_ADDRESS = "[erased address]";

  @Override
  public String name() {
    return "campaigns";
  }

  @Override
  public int getOrder() {
    return 600;
  }

  @Override
  public void erase(Connection c, PrivacySubject subject) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE tracking_events SET user_agent = NULL, ip_hash = NULL WHERE customer_id = ?"
                + " AND (user_agent IS NOT NULL OR ip_hash IS NOT NULL)")) {
      ps.setLong(1, subject.id());
      ps.executeUpdate();
    }
    if (subject.email() != null && !subject.email().isBlank()) {
      scrubErrors(c, subject);
    }
  }

  /** Replaces the address in the error texts of the subject's recipient rows. */
  private static void scrubErrors(Connection c, PrivacySubject subject) throws SQLException {
    Pattern address =
        Pattern.compile(
            Pattern.quote(subject.email().trim()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    Map<Long, String> changed = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, error FROM campaign_recipients WHERE customer_id = ? AND error IS NOT"
                + " NULL")) {
      ps.setLong(1, subject.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Matcher m = address.matcher(rs.getString(2));
          if (m.find()) {
            changed.put(rs.getLong(1), m.replaceAll(Matcher.quoteReplacement(ERASED_ADDRESS)));
          }
        }
      }
    }
    if (changed.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE campaign_recipients SET error = ? WHERE id = ?")) {
      for (Map.Entry<Long, String> e : changed.entrySet()) {
        ps.setString(1, e.getValue());
        ps.setLong(2, e.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public Object export(Connection c, PrivacySubject subject) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "received",
        ExportRows.list(
            c,
            "SELECT r.campaign_id, c.name AS campaign_name, c.kind, c.topic, r.arm, r.state,"
                + " r.sent_at, r.due_at, r.message_id, r.error, r.rfm_segment,"
                + " (SELECT COUNT(*) FROM tracking_events t WHERE t.recipient_id = r.id"
                + " AND t.kind = 'open') AS opens,"
                + " (SELECT COUNT(*) FROM tracking_events t WHERE t.recipient_id = r.id"
                + " AND t.kind = 'click') AS clicks,"
                + " (SELECT COUNT(*) FROM tracking_events t WHERE t.recipient_id = r.id"
                + " AND t.kind = 'unsubscribe') AS unsubscribes"
                + " FROM campaign_recipients r LEFT JOIN campaigns c ON c.id = r.campaign_id"
                + " WHERE r.customer_id = ? ORDER BY r.id",
            subject.id()));
    out.put(
        "tracking",
        ExportRows.list(
            c,
            "SELECT campaign_id, kind, item_id, slot, user_agent, ip_hash, probable_bot,"
                + " occurred_at FROM tracking_events WHERE customer_id = ? ORDER BY occurred_at,"
                + " id",
            subject.id()));
    return out;
  }
}
