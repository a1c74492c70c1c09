package io.affinity.core.consent;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Addresses that are never mailed again, kept in {@code address_suppressions} as keyed hashes
 * ({@link AddressHasher}). Every method works on the caller's connection, inside its transaction.
 */
@Singleton
public class SuppressionList {
  /** Reason: the person unsubscribed from everything. */
  public static final String UNSUBSCRIBED = "unsubscribed";

  /** Reason: a spam complaint. */
  public static final String COMPLAINED = "complained";

  /** Reason: a hard bounce. */
  public static final String BOUNCED = "bounced";

  /** Reason: too many soft bounces in the window. */
  public static final String SOFT_BOUNCED = "soft-bounced";

  private static final int DETAIL_LENGTH = 500;
  private static final int IN_LIST = 500;

  private final AddressHasher hasher;

  public SuppressionList(AddressHasher hasher) {
    this.hasher = hasher;
  }

  /** The keyed hash of {@code address}. */
  public String hash(String address) {
    return hasher.hash(address);
  }

  /**
   * Suppresses {@code address} with {@code reason} unless it is already suppressed (the first
   * reason stays); returns whether it was new. The {@code detail} (a bounce reply, often quoting
   * the address) is kept without addresses ({@link AddressRedaction}): the row outlives the
   * person's erasure, and the address must not stand in clear next to its hash.
   */
  public boolean suppress(
      Connection c, String address, String reason, String detail, Long campaignId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT IGNORE INTO address_suppressions (address_hash, reason, detail, campaign_id,"
                + " created_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, hasher.hash(address));
      ps.setString(2, reason);
      String kept = AddressRedaction.redact(detail, address);
      if (kept == null) {
        ps.setNull(3, Types.VARCHAR);
      } else {
        ps.setString(3, kept.length() > DETAIL_LENGTH ? kept.substring(0, DETAIL_LENGTH) : kept);
      }
      if (campaignId == null) {
        ps.setNull(4, Types.BIGINT);
      } else {
        ps.setLong(4, campaignId);
      }
      ps.setLong(5, System.currentTimeMillis());
      return ps.executeUpdate() > 0;
    }
  }

  /**
   * Clears the detail of {@code address}'s entry, if it has one (an erasure: the free text goes,
   * the hash, reason, campaign and time stay, and so does the suppression).
   */
  public void clearDetail(Connection c, String address) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE address_suppressions SET detail = NULL WHERE address_hash = ?"
                + " AND detail IS NOT NULL")) {
      ps.setString(1, hasher.hash(address));
      ps.executeUpdate();
    }
  }

  /** Takes {@code address} off the list (a confirmed re-subscription); whether it was on it. */
  public boolean lift(Connection c, String address) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM address_suppressions WHERE address_hash = ?")) {
      ps.setString(1, hasher.hash(address));
      return ps.executeUpdate() > 0;
    }
  }

  /** Why {@code address} is suppressed, or null if it is not. */
  public String reason(Connection c, String address) throws SQLException {
    if (address == null || address.isBlank()) {
      return null;
    }
    return reasons(c, List.of(address)).get(AddressHasher.normalise(address));
  }

  /**
   * The suppressed ones among {@code addresses}: normalised address to reason. Blank or null
   * addresses are skipped.
   */
  public Map<String, String> reasons(Connection c, Collection<String> addresses)
      throws SQLException {
    Map<String, String> byHash = new HashMap<>();
    for (String a : addresses) {
      if (a != null && !a.isBlank()) {
        byHash.putIfAbsent(hasher.hash(a), AddressHasher.normalise(a));
      }
    }
    Map<String, String> found = new HashMap<>();
    List<String> hashes = new ArrayList<>(byHash.keySet());
    for (int from = 0; from < hashes.size(); from += IN_LIST) {
      List<String> part = hashes.subList(from, Math.min(hashes.size(), from + IN_LIST));
      String sql =
          "SELECT address_hash, reason FROM address_suppressions WHERE address_hash IN ("
              + String.join(", ", java.util.Collections.nCopies(part.size(), "?"))
              + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < part.size(); i++) {
          ps.setString(i + 1, part.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.put(byHash.get(rs.getString(1)), rs.getString(2));
          }
        }
      }
    }
    return found;
  }
}
