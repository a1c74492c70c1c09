package io.affinity.recommender.privacy;

import io.affinity.core.privacy.ExportRows;
import io.affinity.core.privacy.PersonalDataPart;
import io.affinity.core.privacy.PrivacySubject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Offers shown to the customer ({@code offer_exposures}, keyed by the shop's id as the offers
 * request gave it). Erasure deletes them: they serve only the exposure caps, which no longer apply
 * to an id that names nobody, and they hold the shop's id in clear.
 */
@Singleton
public class OffersShownPart implements PersonalDataPart {
  @Override
  public String name() {
    return "offersShown";
  }

  @Override
  public int getOrder() {
    return 500;
  }

  @Override
  public void erase(Connection c, PrivacySubject subject) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM offer_exposures WHERE customer_id = ?")) {
      ps.setString(1, subject.externalId());
      ps.executeUpdate();
    }
  }

  @Override
  public Object export(Connection c, PrivacySubject subject) throws SQLException {
    return ExportRows.list(
        c,
        "SELECT item_id, shown_at FROM offer_exposures WHERE customer_id = ? ORDER BY shown_at, id",
        subject.externalId());
  }
}
