package io.affinity.core.customer;

import io.affinity.core.attributes.AttributesCodec;
import io.affinity.core.audit.AuditLog;
import io.affinity.core.consent.ConsentDecision;
import io.affinity.core.consent.ConsentLedger;
import io.affinity.core.consent.ConsentSource;
import io.affinity.core.consent.ConsentStatement;
import io.affinity.core.error.NotFoundException;
import io.affinity.core.household.HouseholdMembers;
import io.affinity.core.household.HouseholdRepository;
import io.affinity.core.household.HouseholdService;
import io.affinity.core.household.HouseholdView;
import io.affinity.core.value.CustomerValueService;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Upserts customers and assembles the single customer view. */
@Singleton
public class CustomerService {
  /** How many of the latest events the single customer view shows. */
  public static final int RECENT_EVENTS = 20;

  private final CustomerRepository customers;
  private final HouseholdService householdService;
  private final HouseholdRepository households;
  private final HouseholdMembers members;
  private final CustomerActivity activity;
  private final AttributesCodec attributes;
  private final CustomerValueService values;
  private final ConsentLedger ledger;
  private final CustomerConsentView consentView;
  private final AuditLog audit;
  private final TransactionOperations<Connection> tx;

  public CustomerService(
      CustomerRepository customers,
      HouseholdService householdService,
      HouseholdRepository households,
      HouseholdMembers members,
      CustomerActivity activity,
      AttributesCodec attributes,
      CustomerValueService values,
      ConsentLedger ledger,
      CustomerConsentView consentView,
      AuditLog audit,
      TransactionOperations<Connection> tx) {
    this.customers = customers;
    this.householdService = householdService;
    this.households = households;
    this.members = members;
    this.activity = activity;
    this.attributes = attributes;
    this.values = values;
    this.ledger = ledger;
    this.consentView = consentView;
    this.audit = audit;
    this.tx = tx;
  }

  /**
   * Creates or updates one customer and returns the single customer view, with a warning when its
   * consent statement was recorded but not applied.
   */
  @Transactional
  public CustomerView upsert(CustomerInput input) {
    UpsertOutcome outcome = upsertAll(List.of(input), ConsentSource.API);
    return find(input.id()).withWarnings(outcome.warnings());
  }

  /**
   * Creates or updates all {@code inputs} in one transaction, creating households they name. An
   * {@code emailConsent} goes to the consent ledger as a statement of {@code source}, made at
   * {@code consentAt} (else now): withdrawal wins, so a grant for a customer who withdrew or whose
   * address is suppressed, or a statement older than the one on record, is recorded as not applied
   * and reported as a warning.
   */
  @Transactional
  public UpsertOutcome upsertAll(List<CustomerInput> inputs, ConsentSource source) {
    Map<String, Customer> existing =
        customers.findByExternalIdIn(inputs.stream().map(CustomerInput::id).toList()).stream()
            .collect(Collectors.toMap(Customer::externalId, Function.identity()));
    long now = System.currentTimeMillis();
    int created = 0;
    List<ConsentStatement> statements = new ArrayList<>();
    List<String> stated = new ArrayList<>();
    for (CustomerInput in : inputs) {
      Customer old = existing.get(in.id());
      Customer saved;
      if (old == null) {
        saved = customers.save(merge(Customer.stub(in.id(), now), in, now));
        created++;
      } else {
        saved = customers.update(merge(old, in, now));
      }
      existing.put(in.id(), saved);
      if (in.emailConsent() != null) {
        statements.add(
            ConsentStatement.email(
                saved.id(),
                in.emailConsent(),
                in.consentAt() != null ? in.consentAt().toEpochMilli() : now,
                source,
                in.consentSource()));
        stated.add(in.id());
      }
    }
    List<ConsentDecision> decisions = ledger.record(statements);
    List<UpsertWarning> warnings = new ArrayList<>();
    for (int i = 0; i < decisions.size(); i++) {
      if (decisions.get(i).refused()) {
        warnings.add(
            new UpsertWarning(
                stated.get(i), "emailConsent", "not applied: " + decisions.get(i).reason()));
      }
    }
    return new UpsertOutcome(created, warnings);
  }

  /**
   * Records an administrator's statement about {@code externalId}'s consent, with their written
   * reason: the one way besides a double opt-in to re-subscribe someone who withdrew (and to lift
   * their address's suppression). Returns what the ledger decided and the view after it.
   */
  @Transactional
  public AdminConsentResult adminStatement(
      String externalId, boolean granted, String topic, String reason, String actor) {
    Customer c =
        customers
            .findByExternalId(externalId)
            .orElseThrow(() -> new NotFoundException("customer", externalId));
    ConsentDecision decision =
        ledger
            .record(
                List.of(
                    ConsentStatement.email(
                            c.id(),
                            granted,
                            System.currentTimeMillis(),
                            ConsentSource.ADMIN,
                            "admin key " + actor)
                        .forTopic(topic)
                        .withNote(reason)))
            .get(0);
    String outcome = decision.outcome().name().toLowerCase(java.util.Locale.ROOT);
    tx.executeWrite(
        status -> {
          try {
            return audit.append(
                status.getConnection(),
                actor,
                granted ? AuditLog.RESUBSCRIBE : AuditLog.WITHDRAW,
                AuditLog.CUSTOMER,
                audit.customerSubject(externalId),
                "customer "
                    + c.id()
                    + (topic == null ? "" : ", topic " + topic)
                    + ": "
                    + outcome
                    + "; reason: "
                    + reason);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not write the audit log", e);
          }
        });
    return new AdminConsentResult(outcome, decision.reason(), find(externalId));
  }

  /** The single customer view of {@code externalId}; {@link NotFoundException} if unknown. */
  @Transactional(readOnly = true)
  public CustomerView find(String externalId) {
    Customer c =
        customers
            .findByExternalId(externalId)
            .orElseThrow(() -> new NotFoundException("customer", externalId));
    HouseholdView household =
        c.householdId() == null
            ? null
            : households
                .findById(c.householdId())
                .map(h -> householdService.view(h, members.of(h.id())))
                .orElse(null);
    return new CustomerView(
        c.externalId(),
        c.email(),
        c.name(),
        c.preferredChannel(),
        c.address(),
        c.postcode(),
        c.country(),
        attributes.read(c.attributes()),
        consentView.of(c),
        household,
        activity.purchases(c.id()),
        values.find(c.id()).map(m -> values.view(null, null, m)).orElse(null),
        activity.recentEvents(c.id(), RECENT_EVENTS),
        Instant.ofEpochMilli(c.createdAt()),
        Instant.ofEpochMilli(c.updatedAt()));
  }

  /** The stored customer with {@code in}'s profile fields; consent is the ledger's to change. */
  private Customer merge(Customer old, CustomerInput in, long now) {
    Long householdId =
        in.householdId() != null ? householdService.idOf(in.householdId()) : old.householdId();
    return new Customer(
        old.id(),
        old.externalId(),
        firstNonNull(in.email(), old.email()),
        firstNonNull(in.name(), old.name()),
        householdId,
        old.emailConsent(),
        old.consentAt(),
        old.consentSource(),
        firstNonNull(in.preferredChannel(), old.preferredChannel()),
        firstNonNull(in.address(), old.address()),
        firstNonNull(in.postcode(), old.postcode()),
        firstNonNull(in.country(), old.country()),
        in.attributes() != null ? attributes.write(in.attributes()) : old.attributes(),
        old.createdAt(),
        now);
  }

  private static <T> T firstNonNull(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
