package io.affinity.core.customer;

import io.affinity.core.attributes.AttributesCodec;
import io.affinity.core.bulk.ExternalIds;
import io.affinity.core.bulk.MultiRowInsert;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentState;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inserts many new customers at once. Unlike {@link CustomerService#upsertAll}, customers that are
 * already stored are left as they are: this is the path for loading, where a second load must
 * change nothing. Households that customers name are created when new, as {@link
 * CustomerService#upsertAll} does.
 */
@Singleton
public class CustomerBulkInsert {
  private static final MultiRowInsert INSERT =
      new MultiRowInsert(
          "customers",
          List.of(
              "external_id",
              "email",
              "name",
              "household_id",
              "email_consent",
              "consent_at",
              "consent_source",
              "consent_state",
              "preferred_channel",
              "address",
              "postcode",
              "country",
              "attributes",
              "created_at",
              "updated_at"));

  private final TransactionOperations<Connection> tx;
  private final AttributesCodec attributes;
  private final ExternalIds households = new ExternalIds("households");

  public CustomerBulkInsert(TransactionOperations<Connection> tx, AttributesCodec attributes) {
    this.tx = tx;
    this.attributes = attributes;
  }

  /** Inserts those of {@code inputs} not stored yet, in one transaction; returns how many. */
  public int insertNew(List<CustomerInput> inputs) {
    if (inputs.isEmpty()) {
      return 0;
    }
    long now = System.currentTimeMillis();
    Set<String> householdIds = new LinkedHashSet<>();
    for (CustomerInput in : inputs) {
      if (in.householdId() != null) {
        householdIds.add(in.householdId());
      }
    }
    return tx.executeWrite(
        status -> {
          try {
            Connection c = status.getConnection();
            Map<String, Long> household = households.findOrCreate(c, householdIds, now);
            List<Object[]> rows = new ArrayList<>(inputs.size());
            for (CustomerInput in : inputs) {
              rows.add(
                  row(in, in.householdId() == null ? null : household.get(in.householdId()), now));
            }
            int inserted = INSERT.insertIgnore(c, rows);
            ledger(c, inputs.stream().map(CustomerInput::id).toList(), now);
            return inserted;
          } catch (SQLException e) {
            throw new IllegalStateException("Could not insert customers", e);
          }
        });
  }

  private Object[] row(CustomerInput in, Long householdId, long now) {
    // As the consent ledger decides for a new customer: a grant is applied (state granted, and a
    // ledger statement written after the insert); a "no" from a load is the state none.
    boolean consent = Boolean.TRUE.equals(in.emailConsent());
    Long consentAt = null;
    if (consent) {
      consentAt = Math.min(now, in.consentAt() != null ? in.consentAt().toEpochMilli() : now);
    }
    return new Object[] {
      in.id(),
      in.email(),
      in.name(),
      householdId,
      consent,
      consentAt,
      consent ? ConsentSource.IMPORT.wireName() : null,
      consent ? ConsentState.GRANTED.wireName() : ConsentState.NONE.wireName(),
      in.preferredChannel(),
      in.address(),
      in.postcode(),
      in.country(),
      attributes.write(in.attributes()),
      now,
      now
    };
  }

  /**
   * Writes the ledger statement of every customer this load created with consent: the ones of
   * {@code externalIds} created at {@code now} (customers stored before keep their own).
   */
  private static void ledger(Connection c, List<String> externalIds, long now) throws SQLException {
    for (int from = 0; from < externalIds.size(); from += MultiRowInsert.ROWS_PER_STATEMENT) {
      List<String> part =
          externalIds.subList(
              from, Math.min(externalIds.size(), from + MultiRowInsert.ROWS_PER_STATEMENT));
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO consent_ledger (customer_id, channel, topic, granted, stated_at,"
                  + " recorded_at, source, evidence, applied, note) SELECT id, 'email', NULL,"
                  + " TRUE, consent_at, created_at, 'import', NULL, TRUE, 'bulk load' FROM"
                  + " customers WHERE created_at = ? AND consent_state = 'granted' AND"
                  + " external_id IN ("
                  + String.join(", ", Collections.nCopies(part.size(), "?"))
                  + ")")) {
        ps.setLong(1, now);
        for (int i = 0; i < part.size(); i++) {
          ps.setString(i + 2, part.get(i));
        }
        ps.executeUpdate();
      }
    }
  }
}
