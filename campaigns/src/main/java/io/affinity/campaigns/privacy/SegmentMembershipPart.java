package io.affinity.campaigns.privacy;

import io.affinity.core.privacy.ExportRows;
import io.affinity.core.privacy.PersonalDataPart;
import io.affinity.core.privacy.PrivacySubject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The frozen segment audiences (snapshots) the customer was in, with the segment's name and
 * version. Erasure keeps the memberships, keyed by our internal id only: a snapshot is the audience
 * a campaign used, and its size must stay what the campaign reported.
 */
@Singleton
public class SegmentMembershipPart implements PersonalDataPart {
  @Override
  public String name() {
    return "segments";
  }

  @Override
  public int getOrder() {
    return 700;
  }

  @Override
  public void erase(Connection c, PrivacySubject subject) {
    // kept pseudonymously, see above
  }

  @Override
  public Object export(Connection c, PrivacySubject subject) throws SQLException {
    return ExportRows.list(
        c,
        "SELECT m.snapshot_id, s.segment_id, s.segment_version, v.name AS segment_name,"
            + " s.created_at FROM segment_snapshot_members m"
            + " JOIN segment_snapshots s ON s.id = m.snapshot_id"
            + " LEFT JOIN segment_versions v ON v.segment_id = s.segment_id"
            + " AND v.version = s.segment_version"
            + " WHERE m.customer_id = ? ORDER BY s.created_at, m.snapshot_id",
        subject.id());
  }
}
