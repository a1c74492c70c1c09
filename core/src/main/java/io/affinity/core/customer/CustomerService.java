package io.affinity.core.customer;

import io.affinity.core.attributes.AttributesCodec;
import io.affinity.core.error.NotFoundException;
import io.affinity.core.household.HouseholdMembers;
import io.affinity.core.household.HouseholdRepository;
import io.affinity.core.household.HouseholdService;
import io.affinity.core.household.HouseholdView;
import io.affinity.core.value.CustomerValue;
import io.affinity.core.value.CustomerValueService;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
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

  public CustomerService(
      CustomerRepository customers,
      HouseholdService householdService,
      HouseholdRepository households,
      HouseholdMembers members,
      CustomerActivity activity,
      AttributesCodec attributes,
      CustomerValueService values) {
    this.customers = customers;
    this.householdService = householdService;
    this.households = households;
    this.members = members;
    this.activity = activity;
    this.attributes = attributes;
    this.values = values;
  }

  /** Creates or updates one customer and returns the single customer view. */
  @Transactional
  public CustomerView upsert(CustomerInput input) {
    upsertAll(List.of(input));
    return find(input.id());
  }

  /**
   * Creates or updates all {@code inputs} in one transaction, creating households they name;
   * returns how many customers were new.
   */
  @Transactional
  public int upsertAll(List<CustomerInput> inputs) {
    Map<String, Customer> existing =
        customers.findByExternalIdIn(inputs.stream().map(CustomerInput::id).toList()).stream()
            .collect(Collectors.toMap(Customer::externalId, Function.identity()));
    long now = System.currentTimeMillis();
    int created = 0;
    for (CustomerInput in : inputs) {
      Customer old = existing.get(in.id());
      if (old == null) {
        existing.put(in.id(), customers.save(merge(Customer.stub(in.id(), now), in, now)));
        created++;
      } else {
        existing.put(in.id(), customers.update(merge(old, in, now)));
      }
    }
    return created;
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
        new CustomerView.Consent(
            c.emailConsent(),
            c.consentAt() == null ? null : Instant.ofEpochMilli(c.consentAt()),
            c.consentSource()),
        household,
        activity.purchases(c.id()),
        values.find(c.id()).map(m -> CustomerValue.of(null, null, m)).orElse(null),
        activity.recentEvents(c.id(), RECENT_EVENTS),
        Instant.ofEpochMilli(c.createdAt()),
        Instant.ofEpochMilli(c.updatedAt()));
  }

  private Customer merge(Customer old, CustomerInput in, long now) {
    boolean consent = old.emailConsent();
    Long consentAt = old.consentAt();
    String consentSource = old.consentSource();
    // A consent change is recorded with its time and source, as proof for the marketer.
    if (in.emailConsent() != null && (in.emailConsent() != consent || old.consentAt() == null)) {
      consent = in.emailConsent();
      consentAt = in.consentAt() != null ? in.consentAt().toEpochMilli() : now;
      consentSource = in.consentSource() != null ? in.consentSource() : "api";
    }
    Long householdId =
        in.householdId() != null ? householdService.idOf(in.householdId()) : old.householdId();
    return new Customer(
        old.id(),
        old.externalId(),
        firstNonNull(in.email(), old.email()),
        firstNonNull(in.name(), old.name()),
        householdId,
        consent,
        consentAt,
        consentSource,
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
