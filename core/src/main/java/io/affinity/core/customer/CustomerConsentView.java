package io.affinity.core.customer;

import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentState;
import io.affinity.core.consent.SuppressionList;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** The consent part of the single customer view: state, topics, frequency, suppression, history. */
@Singleton
public class CustomerConsentView {
  /** How many ledger statements the view shows; the export has them all. */
  public static final int HISTORY = 50;

  private final ConsentLedger ledger;
  private final SuppressionList suppressions;
  private final TransactionOperations<Connection> tx;

  public CustomerConsentView(
      ConsentLedger ledger, SuppressionList suppressions, TransactionOperations<Connection> tx) {
    this.ledger = ledger;
    this.suppressions = suppressions;
    this.tx = tx;
  }

  /** The consent of {@code c}, read in the current transaction. */
  public CustomerView.Consent of(Customer c) {
    return tx.executeRead(
        status -> {
          Connection conn = status.getConnection();
          try {
            String state;
            String frequency;
            try (PreparedStatement ps =
                conn.prepareStatement(
                    "SELECT consent_state, email_frequency FROM customers WHERE id = ?")) {
              ps.setLong(1, c.id());
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                state = rs.getString(1);
                frequency = rs.getString(2);
              }
            }
            String suppressed = suppressions.reason(conn, c.email());
            return new CustomerView.Consent(
                ConsentState.of(state) == ConsentState.GRANTED && suppressed == null,
                state,
                c.consentAt() == null ? null : Instant.ofEpochMilli(c.consentAt()),
                c.consentSource(),
                ledger.topicsLeft(conn, c.id()),
                frequency,
                suppressed,
                ledger.history(conn, c.id(), HISTORY));
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read the customer's consent", e);
          }
        });
  }
}
