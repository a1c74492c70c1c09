package io.affinity.campaigns.campaign;

import io.affinity.core.bulk.MultiRowInsert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a campaign's recipient rows at launch, all in the launch transaction: one row per member
 * of the snapshot, with its arm; control rows get state {@code control} and are never sent.
 */
final class AudienceWriter {
  private static final MultiRowInsert RECIPIENTS =
      new MultiRowInsert(
          "campaign_recipients",
          List.of("campaign_id", "customer_id", "arm", "state", "rfm_segment"));

  private AudienceWriter() {}

  /** Writes the recipients of {@code campaign}; returns how many. */
  static int write(Connection c, Campaign campaign) throws SQLException {
    ArmAssigner assigner =
        new ArmAssigner(campaign.assignmentSeed(), campaign.controlPercent(), campaign.variants());
    String pending = RecipientState.PENDING.wireName();
    String control = RecipientState.CONTROL.wireName();
    List<Object[]> rows = new ArrayList<>();
    int written = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT m.customer_id, c.household_id, cm.rfm_segment FROM segment_snapshot_members m"
                + " LEFT JOIN customers c ON c.id = m.customer_id"
                + " LEFT JOIN customer_metrics cm ON cm.customer_id = m.customer_id"
                + " WHERE m.snapshot_id = ? ORDER BY m.customer_id")) {
      ps.setLong(1, campaign.snapshotId());
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long customer = rs.getLong(1);
          long household = rs.getLong(2);
          boolean byHousehold = campaign.householdAssignment() && !rs.wasNull();
          String arm = assigner.arm(byHousehold ? household : customer, byHousehold);
          rows.add(
              new Object[] {
                campaign.id(),
                customer,
                arm,
                ArmAssigner.CONTROL.equals(arm) ? control : pending,
                RecipientSegment.of(rs.getString(3))
              });
          if (rows.size() == MultiRowInsert.ROWS_PER_STATEMENT * 10) {
            written += RECIPIENTS.insertIgnore(c, rows);
            rows.clear();
          }
        }
      }
    }
    return written + RECIPIENTS.insertIgnore(c, rows);
  }
}
