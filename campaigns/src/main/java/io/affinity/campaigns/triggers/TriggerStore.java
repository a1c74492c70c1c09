package io.affinity.campaigns.triggers;

import io.affinity.campaigns.campaign.ArmAssigner;
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

/** Reads and writes {@code triggers} rows on the caller's connection (and transaction). */
final class TriggerStore {
  private static final String COLUMNS =
      "t.id, t.name, t.category_prefix, p.external_id, t.delay_minutes, t.template_id,"
          + " t.from_address, t.from_name, t.audience, t.include_buyer, t.household_cap,"
          + " t.household_cap_days, t.customer_cap_days, t.cooldown_hours, t.holdout_percent,"
          + " t.attribution_days, t.status, t.active_since, t.created_at, t.updated_at,"
          + " t.product_id, t.assignment_seed, t.topic";
  private static final String FROM = " FROM triggers t LEFT JOIN products p ON p.id = t.product_id";

  private TriggerStore() {}

  /** Inserts an active trigger (defaults filled in) and returns its id. */
  static long insert(Connection c, TriggerInput in, Long productKey, long seed, long now)
      throws SQLException {
    String sql =
        "INSERT INTO triggers (name, category_prefix, product_id, delay_minutes, template_id,"
            + " from_address, from_name, audience, include_buyer, household_cap,"
            + " household_cap_days, customer_cap_days, cooldown_hours, holdout_percent,"
            + " attribution_days, assignment_seed, status, active_since, created_at, updated_at,"
            + " topic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)";
    int capDays = or(in.householdCapDays(), 30);
    try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      int i = 1;
      ps.setString(i++, in.name().trim());
      ps.setString(i++, in.categoryPrefix() == null ? null : in.categoryPrefix().trim());
      if (productKey == null) {
        ps.setNull(i++, Types.BIGINT);
      } else {
        ps.setLong(i++, productKey);
      }
      ps.setInt(i++, or(in.delayMinutes(), 0));
      ps.setLong(i++, in.templateId());
      ps.setString(i++, in.fromAddress().trim());
      ps.setString(i++, in.fromName());
      ps.setString(i++, in.audience() == null ? TriggerAudience.OTHERS.wireName() : in.audience());
      ps.setBoolean(i++, Boolean.TRUE.equals(in.includeBuyer()));
      ps.setInt(i++, or(in.householdCap(), 1));
      ps.setInt(i++, capDays);
      ps.setInt(i++, or(in.customerCapDays(), capDays));
      ps.setInt(i++, or(in.cooldownHours(), 0));
      ps.setBigDecimal(i++, in.holdoutPercent() == null ? BigDecimal.TEN : in.holdoutPercent());
      ps.setInt(i++, or(in.attributionDays(), 14));
      ps.setLong(i++, seed);
      ps.setLong(i++, now);
      ps.setLong(i++, now);
      ps.setLong(i++, now);
      ps.setString(i, in.topic());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /**
   * Rewrites trigger {@code id}'s settings from {@code in} (defaults filled in as on insert); its
   * seed, holdout share, status, window length and times other than {@code updated_at} stay.
   */
  static void update(Connection c, long id, TriggerInput in, Long productKey, int capDays, long now)
      throws SQLException {
    String sql =
        "UPDATE triggers SET name = ?, category_prefix = ?, product_id = ?, delay_minutes = ?,"
            + " template_id = ?, from_address = ?, from_name = ?, audience = ?, include_buyer = ?,"
            + " household_cap = ?, customer_cap_days = ?, cooldown_hours = ?,"
            + " attribution_days = ?, topic = ?, updated_at = ? WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, in.name().trim());
      ps.setString(i++, in.categoryPrefix() == null ? null : in.categoryPrefix().trim());
      if (productKey == null) {
        ps.setNull(i++, Types.BIGINT);
      } else {
        ps.setLong(i++, productKey);
      }
      ps.setInt(i++, or(in.delayMinutes(), 0));
      ps.setLong(i++, in.templateId());
      ps.setString(i++, in.fromAddress().trim());
      ps.setString(i++, in.fromName());
      ps.setString(i++, in.audience() == null ? TriggerAudience.OTHERS.wireName() : in.audience());
      ps.setBoolean(i++, Boolean.TRUE.equals(in.includeBuyer()));
      ps.setInt(i++, or(in.householdCap(), 1));
      ps.setInt(i++, or(in.customerCapDays(), capDays));
      ps.setInt(i++, or(in.cooldownHours(), 0));
      ps.setInt(i++, or(in.attributionDays(), 14));
      ps.setString(i++, in.topic());
      ps.setLong(i++, now);
      ps.setLong(i, id);
      ps.executeUpdate();
    }
  }

  /** Trigger {@code id}'s latest {@code limit} evaluations, newest first. */
  static List<Firing> firings(Connection c, long id, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT f.id, f.event_id, b.external_id, f.household_id, f.outcome, f.campaign_id,"
                + " f.arm, f.recipients, f.purchased_at, f.due_at, f.evaluated_at"
                + " FROM trigger_firings f LEFT JOIN customers b ON b.id = f.buyer_id"
                + " WHERE f.trigger_id = ? ORDER BY f.id DESC LIMIT ?")) {
      ps.setLong(1, id);
      ps.setInt(2, limit);
      List<Firing> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long household = rs.getLong(4);
          Long householdId = rs.wasNull() ? null : household;
          long campaign = rs.getLong(6);
          Long campaignId = rs.wasNull() ? null : campaign;
          out.add(
              new Firing(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getString(3),
                  householdId,
                  rs.getString(5),
                  campaignId,
                  rs.getString(7),
                  rs.getInt(8),
                  rs.getLong(9),
                  rs.getLong(10),
                  rs.getLong(11)));
        }
      }
      return out;
    }
  }

  /** How many of trigger {@code id}'s evaluations had each outcome; held-out fired ones apart. */
  static java.util.Map<String, Long> outcomes(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT outcome, arm, COUNT(*) FROM trigger_firings WHERE trigger_id = ?"
                + " GROUP BY outcome, arm")) {
      ps.setLong(1, id);
      java.util.Map<String, Long> out = new java.util.TreeMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          boolean heldOut =
              FiringOutcome.FIRED.wireName().equals(rs.getString(1))
                  && ArmAssigner.CONTROL.equals(rs.getString(2));
          out.merge(heldOut ? Firing.HELD_OUT : rs.getString(1), rs.getLong(3), Long::sum);
        }
      }
      return out;
    }
  }

  /** Trigger {@code id}, locked for update when {@code lock}. */
  static Optional<TriggerRule> find(Connection c, long id, boolean lock) throws SQLException {
    // Lock only the trigger's own row: H2 and MySQL both refuse FOR UPDATE over an outer join's
    // nullable side in some versions, and the product row needs no lock.
    if (lock) {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id FROM triggers WHERE id = ? FOR UPDATE")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
        }
      }
    }
    List<TriggerRule> found = query(c, " WHERE t.id = ?", id);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Triggers newest first. */
  static List<TriggerRule> list(Connection c, int limit, int offset) throws SQLException {
    return query(c, " ORDER BY t.id DESC LIMIT ? OFFSET ?", limit, offset);
  }

  /** The active triggers, by id. */
  static List<TriggerRule> active(Connection c) throws SQLException {
    return query(c, " WHERE t.status = 'active' ORDER BY t.id");
  }

  /**
   * Sets trigger {@code id}'s status; a trigger becoming active ignores what arrived up to and
   * including this millisecond, since a purchase stamped with the same millisecond as a resume may
   * have arrived while it was paused.
   */
  static void setStatus(Connection c, long id, TriggerStatus status, long now) throws SQLException {
    String since = status == TriggerStatus.ACTIVE ? ", active_since = ?" : "";
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE triggers SET status = ?, updated_at = ?" + since + " WHERE id = ?")) {
      int i = 1;
      ps.setString(i++, status.wireName());
      ps.setLong(i++, now);
      if (!since.isEmpty()) {
        ps.setLong(i++, now + 1);
      }
      ps.setLong(i, id);
      ps.executeUpdate();
    }
  }

  /** The ids of trigger {@code id}'s campaigns, oldest window first. */
  static List<Long> campaignIds(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT campaign_id FROM trigger_campaigns WHERE trigger_id = ? ORDER BY window_start")) {
      ps.setLong(1, id);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  private static List<TriggerRule> query(Connection c, String tail, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + tail)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<TriggerRule> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    }
  }

  private static TriggerRule read(ResultSet rs) throws SQLException {
    Trigger t =
        new Trigger(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getInt(5),
            rs.getLong(6),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9),
            rs.getBoolean(10),
            rs.getInt(11),
            rs.getInt(12),
            rs.getInt(13),
            rs.getInt(14),
            rs.getBigDecimal(15),
            rs.getInt(16),
            rs.getString(17),
            rs.getLong(18),
            rs.getLong(19),
            rs.getLong(20),
            rs.getString(23));
    long product = rs.getLong(21);
    Long productKey = rs.wasNull() ? null : product;
    return new TriggerRule(t, productKey, rs.getLong(22));
  }

  private static int or(Integer v, int dflt) {
    return v == null ? dflt : v;
  }
}
