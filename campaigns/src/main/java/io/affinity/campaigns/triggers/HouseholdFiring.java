package io.affinity.campaigns.triggers;

import io.affinity.campaigns.campaign.ArmAssigner;
import io.affinity.campaigns.campaign.RecipientSegment;
import io.affinity.campaigns.campaign.Variant;
import io.affinity.campaigns.sensitive.SensitiveCategories;
import io.affinity.core.consent.AddressHasher;
import io.affinity.core.consent.SuppressionList;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates one purchase against one trigger on the caller's transaction: the household cap and
 * cooldown (fired firings of the trigger for the buyer's household, by purchase time), the audience
 * (other members or the primary contact, the buyer only if configured), reachability now (an
 * address, consent, not on the suppression list, not out of the trigger's topic: all checked again
 * at send time), the per-customer cap (recipient rows of the trigger's campaigns, by due time);
 * then writes the recipients, each with the purchased product their message is anchored on, into
 * the current window's campaign with the household's arm and records the firing. Caps and
 * reachability apply to the holdout exactly as to treatment, so the two arms stay comparable.
 *
 * <p>A buyer without a household is a household of one: the cap and the arm are keyed on them. A
 * purchase in a sensitive category addresses nobody (outcome {@code sensitive}), whatever the
 * trigger says: telling the others in the home about it would disclose who bought what.
 */
final class HouseholdFiring {
  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;

  private HouseholdFiring() {}

  /** The result of one evaluation: its outcome and the window campaign it created, if any. */
  record Result(FiringOutcome outcome, Long createdCampaign) {}

  static Result fire(
      Connection c,
      TriggerRule rule,
      PurchaseEvent e,
      long now,
      long maxLatenessMillis,
      SuppressionList suppressions,
      SensitiveCategories sensitive)
      throws SQLException {
    Trigger t = rule.trigger();
    long due = e.occurredAt() + t.delayMillis();
    if (sensitive.isSensitive(e.categoryPath())) {
      return record(c, t, e, due, now, FiringOutcome.SENSITIVE, null, null, 0);
    }
    if (due + maxLatenessMillis < now) {
      return record(c, t, e, due, now, FiringOutcome.LATE, null, null, 0);
    }
    if (firedSince(c, t, e, e.occurredAt() - t.windowMillis()) >= t.householdCap()) {
      return record(c, t, e, due, now, FiringOutcome.CAPPED, null, null, 0);
    }
    if (t.cooldownHours() > 0
        && firedSince(c, t, e, e.occurredAt() - t.cooldownHours() * HOUR) > 0) {
      return record(c, t, e, due, now, FiringOutcome.COOLDOWN, null, null, 0);
    }
    List<Long> audience = reachable(c, audience(c, t, e), t.topic(), suppressions);
    if (audience.isEmpty()) {
      return record(c, t, e, due, now, FiringOutcome.NO_AUDIENCE, null, null, 0);
    }
    audience.removeAll(recentlyAddressed(c, t, audience, due - t.customerCapDays() * DAY));
    if (audience.isEmpty()) {
      return record(c, t, e, due, now, FiringOutcome.CAPPED, null, null, 0);
    }
    TriggerWindows.Window window = TriggerWindows.campaignFor(c, rule, now);
    if (window.cancelled()) {
      return record(c, t, e, due, now, FiringOutcome.CANCELLED, window.campaignId(), null, 0);
    }
    boolean byHousehold = e.householdId() != null;
    String arm =
        new ArmAssigner(
                rule.seed(),
                t.holdoutPercent(),
                List.of(new Variant(TriggerWindows.ARM, t.templateId(), null, 1)))
            .arm(byHousehold ? e.householdId() : e.customerId(), byHousehold);
    int written = insertRecipients(c, window.campaignId(), audience, arm, due, e.productId());
    Long created = window.created() ? window.campaignId() : null;
    if (written == 0) {
      // Everyone was already a recipient of this window's campaign (the unique key).
      record(c, t, e, due, now, FiringOutcome.CAPPED, window.campaignId(), arm, 0);
      return new Result(FiringOutcome.CAPPED, created);
    }
    record(c, t, e, due, now, FiringOutcome.FIRED, window.campaignId(), arm, written);
    return new Result(FiringOutcome.FIRED, created);
  }

  /** Fired firings of {@code t} for the buyer's household with a purchase after {@code since}. */
  private static long firedSince(Connection c, Trigger t, PurchaseEvent e, long since)
      throws SQLException {
    String who =
        e.householdId() != null ? "household_id = ?" : "household_id IS NULL AND buyer_id = ?";
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM trigger_firings WHERE trigger_id = ? AND "
                + who
                + " AND purchased_at > ? AND outcome = 'fired'")) {
      ps.setLong(1, t.id());
      ps.setLong(2, e.householdId() != null ? e.householdId() : e.customerId());
      ps.setLong(3, since);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Whom the trigger addresses for this purchase, before reachability and caps. */
  private static List<Long> audience(Connection c, Trigger t, PurchaseEvent e) throws SQLException {
    List<Long> members = new ArrayList<>();
    if (e.householdId() == null) {
      members.add(e.customerId());
    } else {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id FROM customers WHERE household_id = ? ORDER BY id")) {
        ps.setLong(1, e.householdId());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            members.add(rs.getLong(1));
          }
        }
      }
    }
    List<Long> out = new ArrayList<>();
    if (TriggerAudience.PRIMARY.wireName().equals(t.audience())) {
      if (e.householdId() != null && !members.isEmpty()) {
        out.add(members.get(0));
      }
    } else {
      out.addAll(members);
    }
    out.remove(Long.valueOf(e.customerId()));
    if (t.includeBuyer()) {
      out.add(e.customerId());
    }
    return out;
  }

  /**
   * Those of {@code ids} with an address, consent, no suppression (the hashed list) and, when the
   * trigger has a topic, who did not leave it, now; in id order.
   */
  private static List<Long> reachable(
      Connection c, List<Long> ids, String topic, SuppressionList suppressions)
      throws SQLException {
    if (ids.isEmpty()) {
      return new ArrayList<>();
    }
    String topicJoin =
        topic == null
            ? ""
            : " LEFT JOIN consent_topics ct ON ct.customer_id = cu.id AND ct.channel = 'email'"
                + " AND ct.topic = ?";
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT cu.id, cu.email FROM customers cu"
                + topicJoin
                + " WHERE cu.id IN ("
                + marks(ids.size())
                + ") AND cu.email_consent = TRUE AND cu.email IS NOT NULL AND cu.email <> ''"
                + (topic == null ? "" : " AND (ct.granted IS NULL OR ct.granted = TRUE)")
                + " ORDER BY cu.id")) {
      int p = 1;
      if (topic != null) {
        ps.setString(p++, topic);
      }
      for (long id : ids) {
        ps.setLong(p++, id);
      }
      Map<Long, String> emails = new LinkedHashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          emails.put(rs.getLong(1), rs.getString(2));
        }
      }
      Map<String, String> suppressed = suppressions.reasons(c, emails.values());
      List<Long> out = new ArrayList<>();
      for (Map.Entry<Long, String> m : emails.entrySet()) {
        if (!suppressed.containsKey(AddressHasher.normalise(m.getValue()))) {
          out.add(m.getKey());
        }
      }
      return out;
    }
  }

  /** Those of {@code ids} a campaign of {@code t} addressed with a due time after {@code since}. */
  private static Set<Long> recentlyAddressed(Connection c, Trigger t, List<Long> ids, long since)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.customer_id FROM campaign_recipients r JOIN trigger_campaigns tc"
                + " ON tc.campaign_id = r.campaign_id WHERE tc.trigger_id = ? AND r.due_at > ?"
                + " AND r.customer_id IN ("
                + marks(ids.size())
                + ")")) {
      ps.setLong(1, t.id());
      ps.setLong(2, since);
      for (int i = 0; i < ids.size(); i++) {
        ps.setLong(i + 3, ids.get(i));
      }
      Set<Long> out = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
      return out;
    }
  }

  private static int insertRecipients(
      Connection c, long campaign, List<Long> customers, String arm, long due, Long product)
      throws SQLException {
    boolean control = ArmAssigner.CONTROL.equals(arm);
    int written = 0;
    // INSERT IGNORE: the unique (campaign_id, customer_id) makes a second firing in the same
    // window unable to add a customer twice.
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT IGNORE INTO campaign_recipients (campaign_id, customer_id, arm, state,"
                + " next_attempt_at, due_at, trigger_product_id, rfm_segment)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, "
                + RecipientSegment.OF_CUSTOMER
                + ")")) {
      for (long customer : customers) {
        ps.setLong(1, campaign);
        ps.setLong(2, customer);
        ps.setString(3, arm);
        ps.setString(4, control ? "control" : "pending");
        ps.setLong(5, due);
        ps.setLong(6, due);
        ps.setObject(7, product, java.sql.Types.BIGINT);
        ps.setLong(8, customer);
        written += ps.executeUpdate();
      }
    }
    return written;
  }

  private static Result record(
      Connection c,
      Trigger t,
      PurchaseEvent e,
      long due,
      long now,
      FiringOutcome outcome,
      Long campaign,
      String arm,
      int recipients)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO trigger_firings (trigger_id, event_id, buyer_id, household_id, outcome,"
                + " campaign_id, arm, recipients, purchased_at, due_at, evaluated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, t.id());
      ps.setLong(2, e.id());
      ps.setLong(3, e.customerId());
      ps.setObject(4, e.householdId(), java.sql.Types.BIGINT);
      ps.setString(5, outcome.wireName());
      ps.setObject(6, campaign, java.sql.Types.BIGINT);
      ps.setString(7, arm);
      ps.setInt(8, recipients);
      ps.setLong(9, e.occurredAt());
      ps.setLong(10, due);
      ps.setLong(11, now);
      ps.executeUpdate();
    }
    return new Result(outcome, null);
  }

  private static String marks(int n) {
    return "?, ".repeat(n - 1) + "?";
  }
}
