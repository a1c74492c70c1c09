package io.affinity.core.audit;

import io.affinity.core.consent.AddressHasher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Appends to and reads the audit log ({@code audit_log}). Every method works on the caller's
 * connection, inside its transaction, so that an action and its record commit together.
 *
 * <p>A customer is recorded by {@link #customerSubject}: a keyed hash (the suppression list's key,
 * with a prefix of its own so that it never equals an address's hash) of the shop's id. The log can
 * so answer "was this id erased?" when asked with the id, but shows no id to someone reading it,
 * and keeps nothing personal of a person erased.
 *
 * <p>Lines are only added, with one exception: an erasure takes the free text (an administrator's
 * written reason, say) out of the lines about the person it erases ({@link #eraseDetails}); who did
 * what, and when, stays.
 */
@Singleton
public class AuditLog {
  /** Action: a customer's personal data was erased. */
  public static final String ERASE = "erase";

  /** Action: everything held about a customer was exported. */
  public static final String EXPORT = "export";

  /** Action: an administrator re-subscribed a customer, with a reason. */
  public static final String RESUBSCRIBE = "resubscribe";

  /** Action: an administrator withdrew a customer's consent. */
  public static final String WITHDRAW = "withdraw";

  /** Subject type: a customer, named by {@link #customerSubject}. */
  public static final String CUSTOMER = "customer";

  private static final String CUSTOMER_PREFIX = "customer-id:";
  private static final int ACTOR = 100;
  private static final int DETAIL = 1000;

  private final AddressHasher hasher;

  public AuditLog(AddressHasher hasher) {
    this.hasher = hasher;
  }

  /**
   * How the log names the customer the shop calls {@code externalId}: a keyed hash (64 hex digits).
   * Ids are compared as the suppression list compares addresses, trimmed and lower-cased.
   */
  public String customerSubject(String externalId) {
    return hasher.hash(CUSTOMER_PREFIX + externalId);
  }

  /** Appends a line; returns its id. */
  public long append(
      Connection c,
      String actor,
      String action,
      String subjectType,
      String subject,
      @Nullable String detail)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log (at, actor, action, subject_type, subject, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setLong(1, System.currentTimeMillis());
      ps.setString(2, clip(actor, ACTOR));
      ps.setString(3, action);
      ps.setString(4, subjectType);
      ps.setString(5, subject);
      if (detail == null) {
        ps.setNull(6, Types.VARCHAR);
      } else {
        ps.setString(6, clip(detail, DETAIL));
      }
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        return keys.next() ? keys.getLong(1) : 0L;
      }
    }
  }

  /**
   * Replaces the detail of every line about one subject with {@code marker}, except the lines of
   * the actions in {@code keep} and lines without detail; returns how many lines changed.
   */
  public int eraseDetails(
      Connection c, String subjectType, String subject, String marker, Set<String> keep)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "UPDATE audit_log SET detail = ? WHERE subject_type = ? AND subject = ?"
                + " AND detail IS NOT NULL AND detail <> ?");
    for (int i = 0; i < keep.size(); i++) {
      sql.append(" AND action <> ?");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 0;
      ps.setString(++i, marker);
      ps.setString(++i, subjectType);
      ps.setString(++i, subject);
      ps.setString(++i, marker);
      for (String action : keep) {
        ps.setString(++i, action);
      }
      return ps.executeUpdate();
    }
  }

  /** The lines about one subject, oldest first; all actions when {@code action} is null. */
  public List<AuditEntry> about(
      Connection c, String subjectType, String subject, @Nullable String action)
      throws SQLException {
    String sql =
        "SELECT id, at, actor, action, subject_type, subject, detail FROM audit_log"
            + " WHERE subject_type = ? AND subject = ?"
            + (action == null ? "" : " AND action = ?")
            + " ORDER BY id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, subjectType);
      ps.setString(2, subject);
      if (action != null) {
        ps.setString(3, action);
      }
      return read(ps);
    }
  }

  /** The latest {@code limit} lines, newest first. */
  public List<AuditEntry> latest(Connection c, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, at, actor, action, subject_type, subject, detail FROM audit_log"
                + " ORDER BY id DESC")) {
      ps.setMaxRows(limit);
      return read(ps);
    }
  }

  private static List<AuditEntry> read(PreparedStatement ps) throws SQLException {
    List<AuditEntry> entries = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        entries.add(
            new AuditEntry(
                rs.getLong(1),
                Instant.ofEpochMilli(rs.getLong(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7)));
      }
    }
    return entries;
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
