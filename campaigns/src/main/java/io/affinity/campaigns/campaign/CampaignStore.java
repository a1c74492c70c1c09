package io.affinity.campaigns.campaign;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes {@code campaigns} rows on the caller's connection (and transaction). */
@Singleton
public class CampaignStore {
  private static final String COLUMNS =
      "id, name, kind, status, segment_id, snapshot_id, from_address, from_name, variants,"
          + " control_percent, assignment_seed, household_assignment, attribution_days,"
          + " send_rate_per_second, scheduled_at, started_at, finished_at, created_at, updated_at, topic,"
          + " paused_reason";
  private static final Argument<List<Variant>> VARIANTS = Argument.listOf(Variant.class);

  private final JsonMapper json;

  public CampaignStore(JsonMapper json) {
    this.json = json;
  }

  /** Inserts a draft e-mail campaign and returns its id. */
  long insertDraft(Connection c, CampaignInput in, List<Variant> variants, long seed, long now)
      throws SQLException {
    String sql =
        "INSERT INTO campaigns (name, kind, status, segment_id, snapshot_id, from_address,"
            + " from_name, variants, control_percent, assignment_seed, household_assignment,"
            + " attribution_days, send_rate_per_second, scheduled_at, created_at, updated_at,"
            + " topic) VALUES (?, 'email', 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, in.name().trim());
      setLong(ps, 2, in.segmentId());
      setLong(ps, 3, in.snapshotId());
      ps.setString(4, in.fromAddress().trim());
      ps.setString(5, in.fromName());
      ps.setString(6, write(variants));
      ps.setBigDecimal(7, in.controlPercent() == null ? BigDecimal.ZERO : in.controlPercent());
      ps.setLong(8, seed);
      ps.setBoolean(9, Boolean.TRUE.equals(in.householdAssignment()));
      ps.setInt(10, in.attributionDays() == null ? 14 : in.attributionDays());
      ps.setBigDecimal(11, in.sendRatePerSecond());
      setLong(ps, 12, in.scheduledAt() == null ? null : in.scheduledAt().toEpochMilli());
      ps.setLong(13, now);
      ps.setLong(14, now);
      ps.setString(15, in.topic());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** Replaces the settings of draft {@code id} by {@code in}'s (its seed and kind stay). */
  void updateDraft(Connection c, long id, CampaignInput in, List<Variant> variants, long now)
      throws SQLException {
    String sql =
        "UPDATE campaigns SET name = ?, segment_id = ?, snapshot_id = ?, from_address = ?,"
            + " from_name = ?, variants = ?, control_percent = ?, household_assignment = ?,"
            + " attribution_days = ?, send_rate_per_second = ?, scheduled_at = ?, updated_at = ?,"
            + " topic = ? WHERE id = ? AND status = 'draft'";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, in.name().trim());
      setLong(ps, 2, in.segmentId());
      setLong(ps, 3, in.snapshotId());
      ps.setString(4, in.fromAddress().trim());
      ps.setString(5, in.fromName());
      ps.setString(6, write(variants));
      ps.setBigDecimal(7, in.controlPercent() == null ? BigDecimal.ZERO : in.controlPercent());
      ps.setBoolean(8, Boolean.TRUE.equals(in.householdAssignment()));
      ps.setInt(9, in.attributionDays() == null ? 14 : in.attributionDays());
      ps.setBigDecimal(10, in.sendRatePerSecond());
      setLong(ps, 11, in.scheduledAt() == null ? null : in.scheduledAt().toEpochMilli());
      ps.setLong(12, now);
      ps.setString(13, in.topic());
      ps.setLong(14, id);
      ps.executeUpdate();
    }
  }

  /** Sets the assignment seed of campaign {@code id}. */
  void setSeed(Connection c, long id, long seed) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE campaigns SET assignment_seed = ? WHERE id = ?")) {
      ps.setLong(1, seed);
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  /** Sets when campaign {@code id} starts sending (null: at launch, or at once if scheduled). */
  void setSchedule(Connection c, long id, Long scheduledAt, long now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE campaigns SET scheduled_at = ?, updated_at = ? WHERE id = ?")) {
      setLong(ps, 1, scheduledAt);
      ps.setLong(2, now);
      ps.setLong(3, id);
      ps.executeUpdate();
    }
  }

  /** Records the audience that segment {@code campaign}'s launch froze. */
  void setSnapshot(Connection c, long campaign, long snapshot) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE campaigns SET snapshot_id = ? WHERE id = ?")) {
      ps.setLong(1, snapshot);
      ps.setLong(2, campaign);
      ps.executeUpdate();
    }
  }

  /** The campaign {@code id}, locked for update when {@code lock}. */
  Optional<Campaign> find(Connection c, long id, boolean lock) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM campaigns WHERE id = ?" + (lock ? " FOR UPDATE" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** Campaigns newest first, optionally only those in {@code status}. */
  List<Campaign> list(Connection c, CampaignStatus status, int limit, int offset)
      throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM campaigns"
            + (status == null ? "" : " WHERE status = ?")
            + " ORDER BY id DESC LIMIT ? OFFSET ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (status != null) {
        ps.setString(i++, status.wireName());
      }
      ps.setInt(i++, limit);
      ps.setInt(i, offset);
      List<Campaign> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    }
  }

  /** The ids of campaigns we send (e-mail and trigger campaigns) in {@code status}. */
  public List<Long> idsIn(Connection c, CampaignStatus status) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM campaigns WHERE status = ? AND kind IN ('email', 'trigger')"
                + " ORDER BY id")) {
      ps.setString(1, status.wireName());
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
   * Moves campaign {@code id} from {@code from} to {@code to}, setting {@code started_at} or {@code
   * finished_at} when it starts running or ends.
   *
   * @return whether the row was in {@code from} and changed
   */
  boolean transition(Connection c, long id, CampaignStatus from, CampaignStatus to, long now)
      throws SQLException {
    String times =
        switch (to) {
          // A campaign that runs again has no reason to be paused any more.
          case RUNNING -> ", paused_reason = NULL, started_at = COALESCE(started_at, ?)";
          case FINISHED, CANCELLED -> ", finished_at = ?";
          default -> "";
        };
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE campaigns SET status = ?, updated_at = ?"
                + times
                + " WHERE id = ? AND status = ?")) {
      int i = 1;
      ps.setString(i++, to.wireName());
      ps.setLong(i++, now);
      if (!times.isEmpty()) {
        ps.setLong(i++, now);
      }
      ps.setLong(i++, id);
      ps.setString(i, from.wireName());
      return ps.executeUpdate() == 1;
    }
  }

  /** Records why campaign {@code id} paused itself (cut to the column's 1000 characters). */
  void setPausedReason(Connection c, long id, String reason) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE campaigns SET paused_reason = ? WHERE id = ?")) {
      ps.setString(1, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  /** Stores {@code variants} (with their pinned versions) on campaign {@code id}. */
  void saveVariants(Connection c, long id, List<Variant> variants) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE campaigns SET variants = ? WHERE id = ?")) {
      ps.setString(1, write(variants));
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  private Campaign read(ResultSet rs) throws SQLException {
    return new Campaign(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("kind"),
        CampaignStatus.fromWireName(rs.getString("status")),
        nullableLong(rs, "segment_id"),
        nullableLong(rs, "snapshot_id"),
        rs.getString("from_address"),
        rs.getString("from_name"),
        readVariants(rs.getString("variants")),
        rs.getBigDecimal("control_percent"),
        rs.getLong("assignment_seed"),
        rs.getBoolean("household_assignment"),
        rs.getInt("attribution_days"),
        rs.getBigDecimal("send_rate_per_second"),
        nullableLong(rs, "scheduled_at"),
        nullableLong(rs, "started_at"),
        nullableLong(rs, "finished_at"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"),
        rs.getString("topic"),
        rs.getString("paused_reason"));
  }

  private List<Variant> readVariants(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    try {
      return json.readValue(text, VARIANTS);
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable variants: " + text, e);
    }
  }

  private String write(List<Variant> variants) {
    try {
      return json.writeValueAsString(variants);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }
}
