package io.affinity.core.customer;

import io.affinity.core.attributes.AttributesCodec;
import io.affinity.core.bulk.ExternalIds;
import io.affinity.core.bulk.MultiRowInsert;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
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
            return INSERT.insertIgnore(c, rows);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not insert customers", e);
          }
        });
  }

  private Object[] row(CustomerInput in, Long householdId, long now) {
    // Consent is recorded with its time and source, as CustomerService does for a new customer.
    boolean consent = in.emailConsent() != null && in.emailConsent();
    Long consentAt = null;
    String consentSource = null;
    if (in.emailConsent() != null) {
      consentAt = in.consentAt() != null ? in.consentAt().toEpochMilli() : now;
      consentSource = in.consentSource() != null ? in.consentSource() : "api";
    }
    return new Object[] {
      in.id(),
      in.email(),
      in.name(),
      householdId,
      consent,
      consentAt,
      consentSource,
      in.preferredChannel(),
      in.address(),
      in.postcode(),
      in.country(),
      attributes.write(in.attributes()),
      now,
      now
    };
  }
}
