package io.affinity.core.privacy;

import io.micronaut.core.order.Ordered;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What one module holds about a person, erased and exported on request. Implement it as a
 * {@code @Singleton} in the module that owns the tables; {@link CustomerPrivacy} finds every
 * implementation and runs them in one transaction, in {@link #getOrder()} order.
 *
 * <p>Erasure removes what identifies or describes the person and keeps, pseudonymously (keyed by
 * our internal id only), what models and reports need; each implementation says which is which.
 */
public interface PersonalDataPart extends Ordered {
  /** The name of this part's section in the export, e.g. {@code events}. */
  String name();

  /** Erases this part's personal data of {@code subject} on {@code c}, in its transaction. */
  void erase(Connection c, PrivacySubject subject) throws SQLException;

  /**
   * Everything this part holds about {@code subject}, as JSON-ready values: maps, lists, strings,
   * numbers, booleans, instants or {@code @Serdeable} records.
   */
  Object export(Connection c, PrivacySubject subject) throws SQLException;
}
