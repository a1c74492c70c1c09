package io.affinity.core.privacy;

import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.SuppressionList;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Consent: the state, the topics left, the chosen frequency, whether the address is suppressed, and
 * the whole ledger. Erasure clears the IP addresses and browsers recorded with statements and
 * replaces their free text, evidence and note (a shop's source text, an admin's reason), with
 * {@link CustomerPrivacy#ERASED}; the statements themselves stay (proof of what the person said:
 * granted or withdrawn, topic, when, source, applied; keyed by our internal id only), and so does
 * the suppression list's entry for the address: its keyed hash, reason, campaign and time, without
 * its detail (a bounce reply that quoted the address, a shop's source text).
 */
@Singleton
public class ConsentPart implements PersonalDataPart {
  private final ConsentLedger ledger;
  private final SuppressionList suppressions;

  public ConsentPart(ConsentLedger ledger, SuppressionList suppressions) {
    this.ledger = ledger;
    this.suppressions = suppressions;
  }

  @Override
  public String name() {
    return "consent";
  }

  @Override
  public int getOrder() {
    return 200;
  }

  @Override
  public void erase(Connection c, PrivacySubject subject) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE consent_ledger SET ip = NULL, user_agent = NULL,"
                + " evidence = CASE WHEN evidence IS NULL THEN evidence ELSE ? END,"
                + " note = CASE WHEN note IS NULL THEN note ELSE ? END WHERE customer_id = ?"
                + " AND (ip IS NOT NULL OR user_agent IS NOT NULL OR evidence IS NOT NULL"
                + " OR note IS NOT NULL)")) {
      ps.setString(1, CustomerPrivacy.ERASED);
      ps.setString(2, CustomerPrivacy.ERASED);
      ps.setLong(3, subject.id());
      ps.executeUpdate();
    }
    if (subject.email() != null && !subject.email().isBlank()) {
      suppressions.clearDetail(c, subject.email());
    }
  }

  @Override
  public Object export(Connection c, PrivacySubject subject) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> state =
        ExportRows.one(
            c,
            "SELECT consent_state AS state, email_consent AS email, consent_at,"
                + " consent_source AS source, email_frequency AS frequency FROM customers"
                + " WHERE id = ?",
            subject.id());
    if (state != null) {
      out.putAll(state);
    }
    out.put("topicsLeft", ledger.topicsLeft(c, subject.id()));
    out.put(
        "addressSuppressed",
        subject.email() == null ? null : suppressions.reason(c, subject.email()));
    out.put("ledger", ledger.history(c, subject.id(), Integer.MAX_VALUE));
    return out;
  }
}
