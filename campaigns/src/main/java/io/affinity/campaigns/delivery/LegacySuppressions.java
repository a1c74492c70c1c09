package io.affinity.campaigns.delivery;

import io.affinity.campaigns.campaign.Transactions;
import io.affinity.core.consent.SuppressionList;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the rows of the legacy {@code email_suppressions} table (plain addresses, campaigns V6)
 * into {@code address_suppressions} (keyed hashes) once, at startup: each address hashed, its
 * reason, detail, campaign and time kept, the old row deleted, all in one transaction. Delivery
 * reads only the hashed list, so a row left behind would no longer suppress anyone: a failed move
 * fails the startup rather than mail a suppressed address. Idempotent: the old table stays, empty,
 * and a second run finds nothing (an address already on the new list keeps its first entry).
 */
@Singleton
public class LegacySuppressions {
  private static final Logger LOG = LoggerFactory.getLogger(LegacySuppressions.class);
  private static final int PAGE = 500;

  private final Transactions tx;
  private final SuppressionList suppressions;

  public LegacySuppressions(Transactions tx, SuppressionList suppressions) {
    this.tx = tx;
    this.suppressions = suppressions;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    int moved = moveAll();
    if (moved > 0) {
      LOG.info("Moved {} legacy suppression(s) from email_suppressions to the hashed list", moved);
    }
  }

  /** Moves every legacy row; returns how many there were. */
  public int moveAll() {
    return tx.write(
        c -> {
          int moved = 0;
          String after = "";
          while (true) {
            List<Object[]> page = page(c, after);
            if (page.isEmpty()) {
              return moved;
            }
            insert(c, page);
            delete(c, page);
            moved += page.size();
            after = (String) page.get(page.size() - 1)[0];
          }
        });
  }

  /** Up to {@value #PAGE} legacy rows with an address after {@code after}, in address order. */
  private static List<Object[]> page(Connection c, String after) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT email, reason, detail, campaign_id, created_at FROM email_suppressions"
                + " WHERE email > ? ORDER BY email LIMIT ?")) {
      ps.setString(1, after);
      ps.setInt(2, PAGE);
      List<Object[]> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long campaign = rs.getLong(4);
          Long campaignId = rs.wasNull() ? null : campaign;
          rows.add(
              new Object[] {
                rs.getString(1), rs.getString(2), rs.getString(3), campaignId, rs.getLong(5)
              });
        }
      }
      return rows;
    }
  }

  private void insert(Connection c, List<Object[]> rows) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT IGNORE INTO address_suppressions (address_hash, reason, detail, campaign_id,"
                + " created_at) VALUES (?, ?, ?, ?, ?)")) {
      for (Object[] r : rows) {
        ps.setString(1, suppressions.hash((String) r[0]));
        ps.setString(2, (String) r[1]);
        ps.setString(3, (String) r[2]);
        if (r[3] == null) {
          ps.setNull(4, Types.BIGINT);
        } else {
          ps.setLong(4, (Long) r[3]);
        }
        ps.setLong(5, (Long) r[4]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void delete(Connection c, List<Object[]> rows) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM email_suppressions WHERE email = ?")) {
      for (Object[] r : rows) {
        ps.setString(1, (String) r[0]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
