package io.affinity.core.privacy;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The customer's events: purchases, returns, views, carts, campaign opens and clicks. Erasure keeps
 * them, keyed by our internal id only: the models learn from them and the lift reports count them
 * (a report that counted the person gives the same figures after the erasure). Without the profile
 * and the shop's id they describe no one.
 */
@Singleton
public class EventPart implements PersonalDataPart {
  @Override
  public String name() {
    return "events";
  }

  @Override
  public int getOrder() {
    return 300;
  }

  @Override
  public void erase(Connection c, PrivacySubject subject) {
    // kept pseudonymously, see above
  }

  @Override
  public Object export(Connection c, PrivacySubject subject) throws SQLException {
    return ExportRows.list(
        c,
        "SELECT e.client_event_id AS event_id, e.type, p.external_id AS product_id,"
            + " p.name AS product_name, e.order_id, e.quantity, e.unit_price,"
            + " e.occurred_at, e.campaign_id, e.source, e.received_at"
            + " FROM events e LEFT JOIN products p ON p.id = e.product_id"
            + " WHERE e.customer_id = ? ORDER BY e.occurred_at, e.id",
        subject.id());
  }
}
