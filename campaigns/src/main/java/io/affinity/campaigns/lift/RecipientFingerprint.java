package io.affinity.campaigns.lift;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Identifies the state of a campaign's recipient rows as far as attribution is concerned: how many
 * there are, the sum of their customer ids and the sum of their known window starts (send, else due
 * time, else 0; sums modulo 2^64).
 *
 * <p>Recipient rows are never deleted and their customer and arm never change (one row per campaign
 * and customer), so an added row raises the count; the only later change that moves a window, a
 * send, moves a start from nothing or the due time to the (later) send time, and so raises the sum
 * of starts. Equal fingerprints mean the same recipients with the same windows.
 */
record RecipientFingerprint(long count, long customerSum, long startSum) {

  /** The fingerprint of campaign {@code campaignId}'s rows now, from an index of its own. */
  static RecipientFingerprint of(Connection c, long campaignId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(AttributionQueries.FINGERPRINT)) {
      ps.setLong(1, campaignId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new RecipientFingerprint(rs.getLong(1), low64(rs, 2), low64(rs, 3));
      }
    }
  }

  // The database sums exactly (DECIMAL); Java's long sums wrap around. Their low 64 bits agree.
  private static long low64(ResultSet rs, int column) throws SQLException {
    BigDecimal sum = rs.getBigDecimal(column);
    return sum == null ? 0 : sum.toBigInteger().longValue();
  }
}
