package io.affinity.campaigns.privacy;

import io.affinity.core.privacy.ExportRows;
import io.affinity.core.privacy.PersonalDataPart;
import io.affinity.core.privacy.PrivacySubject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Household triggers the customer's purchases set off (or did not, and why). Erasure keeps the
 * firings, keyed by our internal ids only: the household caps and cooldowns count them, and the
 * messages they led to are recipient rows of the trigger's campaigns.
 */
@Singleton
public class TriggerFiringPart implements PersonalDataPart {
  @Override
  public String name() {
    return "triggerFirings";
  }

  @Override
  public int getOrder() {
    return 800;
  }

  @Override
  public void erase(Connection c, PrivacySubject subject) {
    // kept pseudonymously, see above
  }

  @Override
  public Object export(Connection c, PrivacySubject subject) throws SQLException {
    return ExportRows.list(
        c,
        "SELECT f.trigger_id, t.name AS trigger_name, f.outcome, f.campaign_id, f.arm,"
            + " f.recipients, f.purchased_at, f.due_at, f.evaluated_at"
            + " FROM trigger_firings f LEFT JOIN triggers t ON t.id = f.trigger_id"
            + " WHERE f.buyer_id = ? ORDER BY f.purchased_at, f.id",
        subject.id());
  }
}
