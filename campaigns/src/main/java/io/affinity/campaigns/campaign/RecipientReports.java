package io.affinity.campaigns.campaign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the recipient rows of a campaign say: counts per state, rate, ETA, and listings. */
final class RecipientReports {
  /** The window over which the current rate is measured. */
  static final long RATE_WINDOW_MILLIS = 60_000;

  private RecipientReports() {}

  /** Counts per state, the rate of the last minute and the ETA of campaign {@code id}. */
  static CampaignProgress progress(Connection c, long id, long now) throws SQLException {
    Map<String, Long> states = new LinkedHashMap<>();
    for (RecipientState s : RecipientState.values()) {
      states.put(s.wireName(), 0L);
    }
    long total = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT state, COUNT(*) FROM campaign_recipients WHERE campaign_id = ?"
                + " GROUP BY state")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          states.put(rs.getString(1), rs.getLong(2));
          total += rs.getLong(2);
        }
      }
    }
    long recent;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND state = 'sent'"
                + " AND sent_at >= ?")) {
      ps.setLong(1, id);
      ps.setLong(2, now - RATE_WINDOW_MILLIS);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        recent = rs.getLong(1);
      }
    }
    double rate = recent * 1000.0 / RATE_WINDOW_MILLIS;
    long left = states.get("pending") + states.get("claimed");
    Long eta = rate > 0 && left > 0 ? Math.round(left / rate) : null;
    return new CampaignProgress(total, states, rate, eta);
  }

  /**
   * Up to {@code limit} recipients of campaign {@code id} in {@code state} after row {@code after}.
   */
  static List<RecipientView> list(
      Connection c, long id, RecipientState state, long after, int limit) throws SQLException {
    String sql =
        "SELECT r.id, cu.external_id, cu.email, r.arm, r.state, r.attempts, r.claimed_by,"
            + " r.claimed_at, r.sent_at, r.message_id, r.error, r.handed_at, r.resolution,"
            + " r.resolved_by, r.resolved_at FROM campaign_recipients r"
            + " LEFT JOIN customers cu ON cu.id = r.customer_id"
            + " WHERE r.campaign_id = ?"
            + (state == null ? "" : " AND r.state = ?")
            + " AND r.id > ? ORDER BY r.id LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setLong(i++, id);
      if (state != null) {
        ps.setString(i++, state.wireName());
      }
      ps.setLong(i++, after);
      ps.setInt(i, limit);
      List<RecipientView> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new RecipientView(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getInt(6),
                  rs.getString(7),
                  instant(rs, 8),
                  instant(rs, 9),
                  rs.getString(10),
                  rs.getString(11),
                  instant(rs, 12),
                  rs.getString(13),
                  rs.getString(14),
                  instant(rs, 15)));
        }
      }
      return out;
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }
}
