package io.affinity.campaigns.triggers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Finds or creates a trigger's campaign for the cap window containing a moment. Windows are {@code
 * householdCapDays} long and counted from the trigger's creation. A new window's campaign is
 * created running, of kind {@code trigger}, with one variant pinned to the template's current
 * version (an edited template takes effect in the next window) and the trigger's seed and holdout,
 * assigned per household.
 */
final class TriggerWindows {
  /** The name of the one treatment arm of a trigger's campaigns. */
  static final String ARM = "treatment";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private TriggerWindows() {}

  /** The campaign of {@code rule}'s window containing {@code now}, and whether it was created. */
  static Window campaignFor(Connection c, TriggerRule rule, long now) throws SQLException {
    Trigger t = rule.trigger();
    long start =
        t.createdAt() + Math.floorDiv(now - t.createdAt(), t.windowMillis()) * t.windowMillis();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.campaign_id, c.status FROM trigger_campaigns t"
                + " JOIN campaigns c ON c.id = t.campaign_id"
                + " WHERE t.trigger_id = ? AND t.window_start = ?")) {
      ps.setLong(1, t.id());
      ps.setLong(2, start);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return new Window(rs.getLong(1), false, "cancelled".equals(rs.getString(2)));
        }
      }
    }
    int version = templateVersion(c, t.templateId());
    long campaign;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO campaigns (name, kind, status, from_address, from_name, variants,"
                + " control_percent, assignment_seed, household_assignment, attribution_days,"
                + " started_at, created_at, updated_at, topic)"
                + " VALUES (?, 'trigger', 'running', ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      String name =
          t.name()
              + " (trigger "
              + t.id()
              + ", from "
              + DAY.format(Instant.ofEpochMilli(start))
              + ")";
      ps.setString(1, name.length() > 200 ? name.substring(0, 200) : name);
      ps.setString(2, t.fromAddress());
      ps.setString(3, t.fromName());
      ps.setString(
          4,
          "[{\"name\":\""
              + ARM
              + "\",\"templateId\":"
              + t.templateId()
              + ",\"templateVersion\":"
              + version
              + ",\"weight\":1}]");
      ps.setBigDecimal(5, t.holdoutPercent());
      ps.setLong(6, rule.seed());
      ps.setInt(7, t.attributionDays());
      // The window's start, not now: attribution of the window's recipients starts no earlier.
      ps.setLong(8, start);
      ps.setLong(9, now);
      ps.setLong(10, now);
      // The trigger's topic, so that delivery checks it again at send time.
      ps.setString(11, t.topic());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        campaign = keys.getLong(1);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO trigger_campaigns (trigger_id, window_start, window_end, campaign_id)"
                + " VALUES (?, ?, ?, ?)")) {
      ps.setLong(1, t.id());
      ps.setLong(2, start);
      ps.setLong(3, start + t.windowMillis());
      ps.setLong(4, campaign);
      ps.executeUpdate();
    }
    return new Window(campaign, true, false);
  }

  private static int templateVersion(Connection c, long template) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT current_version FROM templates WHERE id = ?")) {
      ps.setLong(1, template);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("Trigger template " + template + " is gone");
        }
        return rs.getInt(1);
      }
    }
  }

  /**
   * A window's campaign, whether this call created it, and whether an operator cancelled it
   * (through the campaign API): a cancelled window takes no more recipients.
   */
  record Window(long campaignId, boolean created, boolean cancelled) {}
}
