package io.affinity.core.household;

import io.affinity.core.attributes.AttributesCodec;
import io.affinity.core.error.NotFoundException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Upserts households and builds their view; members are listed by {@link HouseholdMembers}. */
@Singleton
public class HouseholdService {
  private final HouseholdRepository households;
  private final HouseholdMembers members;
  private final AttributesCodec attributes;

  public HouseholdService(
      HouseholdRepository households, HouseholdMembers members, AttributesCodec attributes) {
    this.households = households;
    this.members = members;
    this.attributes = attributes;
  }

  /** Creates or updates one household and returns its view. */
  @Transactional
  public HouseholdView upsert(HouseholdInput input) {
    upsertAll(List.of(input));
    return find(input.id());
  }

  /** Creates or updates all {@code inputs} in one transaction; returns how many were new. */
  @Transactional
  public int upsertAll(List<HouseholdInput> inputs) {
    Map<String, Household> existing =
        households.findByExternalIdIn(inputs.stream().map(HouseholdInput::id).toList()).stream()
            .collect(Collectors.toMap(Household::externalId, Function.identity()));
    long now = System.currentTimeMillis();
    int created = 0;
    for (HouseholdInput in : inputs) {
      Household old = existing.get(in.id());
      if (old == null) {
        Household saved =
            households.save(
                merge(
                    new Household(null, in.id(), null, null, null, null, null, now, now), in, now));
        existing.put(in.id(), saved);
        created++;
      } else {
        Household updated = households.update(merge(old, in, now));
        existing.put(in.id(), updated);
      }
    }
    return created;
  }

  /** The internal id of the household {@code externalId}, creating an empty one if it is new. */
  @Transactional
  public Long idOf(String externalId) {
    return households
        .findByExternalId(externalId)
        .map(Household::id)
        .orElseGet(
            () -> {
              long now = System.currentTimeMillis();
              return households
                  .save(new Household(null, externalId, null, null, null, null, null, now, now))
                  .id();
            });
  }

  /** The household {@code externalId} with its members; {@link NotFoundException} if unknown. */
  @Transactional(readOnly = true)
  public HouseholdView find(String externalId) {
    Household h =
        households
            .findByExternalId(externalId)
            .orElseThrow(() -> new NotFoundException("household", externalId));
    return view(h, members.of(h.id()));
  }

  /** The view of a stored household with the given members. */
  public HouseholdView view(Household h, List<HouseholdView.Member> memberList) {
    return new HouseholdView(
        h.externalId(),
        h.name(),
        h.address(),
        h.postcode(),
        h.country(),
        attributes.read(h.attributes()),
        new ArrayList<>(memberList),
        Instant.ofEpochMilli(h.createdAt()),
        Instant.ofEpochMilli(h.updatedAt()));
  }

  private Household merge(Household old, HouseholdInput in, long now) {
    return new Household(
        old.id(),
        old.externalId(),
        in.name() != null ? in.name() : old.name(),
        in.address() != null ? in.address() : old.address(),
        in.postcode() != null ? in.postcode() : old.postcode(),
        in.country() != null ? in.country() : old.country(),
        in.attributes() != null ? attributes.write(in.attributes()) : old.attributes(),
        old.createdAt(),
        now);
  }
}
