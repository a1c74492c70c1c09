package io.affinity.core.privacy;

import io.affinity.core.audit.AuditEntry;
import io.affinity.core.audit.AuditLog;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.core.consent.SuppressionList;
import io.affinity.core.error.NotFoundException;
import io.affinity.core.event.EventIngestor;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Erases and exports a customer's personal data through every module's {@link PersonalDataPart}, in
 * one transaction with its audit record: either all of it happens and is recorded, or nothing.
 *
 * <p>Erasure first stops all mail while the address is still known: the address goes on the
 * suppression list with the reason {@link #ERASED} (unless it is there already, when its first
 * reason stays), and the ledger records a withdrawal, so that a shop that re-creates the person
 * from an old copy cannot mail them again without a new double opt-in. Then each part erases its
 * share; the customer row stays under an opaque id for the pseudonymous data that points at it.
 * Last, the details of the audit lines about the person (an admin's reasons) become {@link
 * #ERASED}, all but those of erasures and exports.
 */
@Singleton
public class CustomerPrivacy {
  /** The suppression reason of an erased person's address. */
  public static final String ERASED = "erased";

  // An erasure's audit line names the internal id of the row it erased: with the shop's id gone
  // from the row, it is what finds the pseudonymous rest for an export.
  private static final String INTERNAL_ID = "internal id ";
  private static final Pattern ERASED_ROW = Pattern.compile("^" + INTERNAL_ID + "(\\d+);");
  private static final String NO_ADDRESS = "; no address";

  /** What an erasure found. */
  public enum Erasure {
    /** The customer was found and erased now. */
    ERASED,
    /** No customer has the id now, but one with it was erased before: nothing left to do. */
    ALREADY_ERASED
  }

  private final List<PersonalDataPart> parts;
  private final AuditLog audit;
  private final SuppressionList suppressions;
  private final ConsentLedger ledger;
  private final EventIngestor ingestor;
  private final TransactionOperations<Connection> tx;

  public CustomerPrivacy(
      List<PersonalDataPart> parts,
      AuditLog audit,
      SuppressionList suppressions,
      ConsentLedger ledger,
      EventIngestor ingestor,
      TransactionOperations<Connection> tx) {
    List<PersonalDataPart> sorted = new ArrayList<>(parts);
    sorted.sort(Comparator.comparingInt(PersonalDataPart::getOrder));
    this.parts = List.copyOf(sorted);
    this.audit = audit;
    this.suppressions = suppressions;
    this.ledger = ledger;
    this.ingestor = ingestor;
    this.tx = tx;
  }

  /** The names of the parts, in the order they run (the export's sections). */
  public List<String> partNames() {
    return parts.stream().map(PersonalDataPart::name).toList();
  }

  /**
   * Erases the personal data of the customer the shop calls {@code externalId}, recorded as done by
   * {@code actor}. {@link NotFoundException} if no customer has the id and none with it was erased.
   */
  public Erasure erase(String externalId, String actor) {
    Erasure result =
        tx.executeWrite(
            status -> {
              try {
                return erase(status.getConnection(), externalId, actor);
              } catch (SQLException e) {
                throw new IllegalStateException("Could not erase the customer", e);
              }
            });
    if (result == Erasure.ERASED) {
      // Once committed: events sent with the old id must create a new customer, not find this one.
      ingestor.forgetCustomer(externalId);
    }
    return result;
  }

  private Erasure erase(Connection c, String externalId, String actor) throws SQLException {
    String subjectHash = audit.customerSubject(externalId);
    PrivacySubject subject = subject(c, externalId, true);
    if (subject == null) {
      if (!audit.about(c, AuditLog.CUSTOMER, subjectHash, AuditLog.ERASE).isEmpty()) {
        return Erasure.ALREADY_ERASED;
      }
      throw new NotFoundException("customer", externalId);
    }
    long now = System.currentTimeMillis();
    boolean hasAddress = subject.email() != null && !subject.email().isBlank();
    boolean newlySuppressed = false;
    if (hasAddress) {
      newlySuppressed = suppressions.suppress(c, subject.email(), ERASED, null, null);
    }
    ledger.record(
        c,
        List.of(
            ConsentStatement.email(subject.id(), false, now, ConsentSource.ADMIN, "erasure")
                .withNote("personal data erased")));
    for (PersonalDataPart part : parts) {
      part.erase(c, subject);
    }
    // An admin's written reasons about the person are free text too; the record of each erasure
    // and export (who, whom, when) is what the log is for and stays.
    audit.eraseDetails(
        c, AuditLog.CUSTOMER, subjectHash, ERASED, Set.of(AuditLog.ERASE, AuditLog.EXPORT));
    audit.append(
        c,
        actor,
        AuditLog.ERASE,
        AuditLog.CUSTOMER,
        subjectHash,
        INTERNAL_ID
            + subject.id()
            + "; parts: "
            + String.join(", ", partNames())
            + (!hasAddress
                ? NO_ADDRESS
                : newlySuppressed ? "; address suppressed (erased)" : "; address was suppressed"));
    return Erasure.ERASED;
  }

  /**
   * Everything held about the customer the shop calls {@code externalId}, one section per part,
   * recorded as exported by {@code actor}. For a customer erased under the id (and not created
   * again since), what is still held: the same sections, now pseudonymous, and an {@code erasure}
   * section (when, and whether the address went on the suppression list). {@link NotFoundException}
   * if no customer has or had the id.
   */
  public Map<String, Object> export(String externalId, String actor) {
    return tx.executeWrite(
        status -> {
          try {
            return export(status.getConnection(), externalId, actor);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not export the customer", e);
          }
        });
  }

  private Map<String, Object> export(Connection c, String externalId, String actor)
      throws SQLException {
    PrivacySubject subject = subject(c, externalId, false);
    Erased erased = null;
    if (subject == null) {
      erased = erased(c, externalId);
      if (erased == null) {
        throw new NotFoundException("customer", externalId);
      }
      subject = erased.subject();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    // The id asked with: an erased row's own id is an opaque one.
    out.put("customerId", erased == null ? subject.externalId() : externalId);
    out.put("exportedAt", Instant.now());
    if (erased != null) {
      Map<String, Object> erasure = new LinkedHashMap<>();
      erasure.put("erasedAt", erased.at());
      erasure.put("addressSuppressed", erased.addressSuppressed());
      out.put("erasure", erasure);
    }
    for (PersonalDataPart part : parts) {
      if (out.putIfAbsent(part.name(), part.export(c, subject)) != null) {
        throw new IllegalStateException("Two personal data parts are called " + part.name());
      }
    }
    audit.append(
        c,
        actor,
        AuditLog.EXPORT,
        AuditLog.CUSTOMER,
        audit.customerSubject(externalId),
        INTERNAL_ID
            + subject.id()
            + (erased == null ? "" : "; erased")
            + "; sections: "
            + parts.stream().map(PersonalDataPart::name).collect(Collectors.joining(", ")));
    return out;
  }

  /**
   * An erased customer: its row, with no address or household; when it was erased; whether an
   * address was on record then (and so went on, or stayed on, the suppression list).
   */
  private record Erased(PrivacySubject subject, Instant at, boolean addressSuppressed) {}

  /** The customer last erased under {@code externalId}, as its erasure's audit line names it. */
  private Erased erased(Connection c, String externalId) throws SQLException {
    List<AuditEntry> erasures =
        audit.about(c, AuditLog.CUSTOMER, audit.customerSubject(externalId), AuditLog.ERASE);
    if (erasures.isEmpty()) {
      return null;
    }
    AuditEntry last = erasures.get(erasures.size() - 1);
    Matcher m = ERASED_ROW.matcher(last.detail() == null ? "" : last.detail());
    if (!m.find()) {
      throw new IllegalStateException("The erasure's audit line " + last.id() + " names no row");
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, external_id, erased_at FROM customers WHERE id = ?"
                + " AND erased_at IS NOT NULL")) {
      ps.setLong(1, Long.parseLong(m.group(1)));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new Erased(
            new PrivacySubject(rs.getLong(1), rs.getString(2), null, null),
            Instant.ofEpochMilli(rs.getLong(3)),
            !last.detail().endsWith(NO_ADDRESS));
      }
    }
  }

  /** The customer not yet erased with {@code externalId}, locked for an erasure; null if none. */
  private static PrivacySubject subject(Connection c, String externalId, boolean lock)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, external_id, email, household_id FROM customers"
                + " WHERE external_id = ? AND erased_at IS NULL"
                + (lock ? " FOR UPDATE" : ""))) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long household = rs.getLong(4);
        Long householdId = rs.wasNull() ? null : household;
        return new PrivacySubject(rs.getLong(1), rs.getString(2), rs.getString(3), householdId);
      }
    }
  }
}
