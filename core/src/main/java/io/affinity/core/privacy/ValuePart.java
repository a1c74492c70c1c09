package io.affinity.core.privacy;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The customer's value figures ({@code customer_metrics}: RFM scores and segment, CLV, churn
 * probability, ...). Erasure keeps them, keyed by our internal id only: they are computed from the
 * kept events (a recomputation would bring them back), and segments and reports read them.
 */
@Singleton
public class ValuePart implements PersonalDataPart {
  @Override
  public String name() {
    return "value";
  }

  @Override
  public int getOrder() {
    return 400;
  }

  @Override
  public void erase(Connection c, PrivacySubject subject) {
    // kept pseudonymously, see above
  }

  @Override
  public Object export(Connection c, PrivacySubject subject) throws SQLException {
    return ExportRows.one(c, "SELECT * FROM customer_metrics WHERE customer_id = ?", subject.id());
  }
}
