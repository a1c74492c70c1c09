package io.affinity.campaigns.lift;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Identifies the state of a campaign's recipient rows as far as attribution is concerned: how many
 * there are, the sum of their ids and the sum of their send times (sums modulo 2^64).
 *
 * <p>Recipient rows are never deleted, their customer and arm never change, and ids only grow; so
 * any added row raises the id sum, and the only later change that moves a window, a send, raises
 * the send sum. Equal fingerprints mean the same recipients with the same windows.
 */
record RecipientFingerprint(long count, long idSum, long sentSum) {

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
