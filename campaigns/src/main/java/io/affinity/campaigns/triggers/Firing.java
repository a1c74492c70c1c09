package io.affinity.campaigns.triggers;

import io.affinity.campaigns.campaign.ArmAssigner;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One purchase a trigger evaluated, from its firing log ({@code trigger_firings}).
 *
 * @param id the log line's id
 * @param eventId the purchase event
 * @param buyer the buyer (the shop's id), or null if they were erased
 * @param householdId the buyer's household, or null for a household of one
 * @param outcome fired, or why not (capped, cooldown, no-audience, cancelled, late, sensitive)
 * @param campaignId the window's campaign it wrote to, if any
 * @param arm {@code treatment} or {@code control} (held out) when it fired
 * @param recipients recipient rows written
 * @param purchasedAt when the purchase happened (epoch millis)
 * @param dueAt when its message is due
 * @param evaluatedAt when it was evaluated
 */
@Serdeable
public record Firing(
    long id,
    long eventId,
    @Nullable String buyer,
    @Nullable Long householdId,
    String outcome,
    @Nullable Long campaignId,
    @Nullable String arm,
    int recipients,
    long purchasedAt,
    long dueAt,
    long evaluatedAt) {
  /** How the log's counts name fired evaluations whose household is in the holdout. */
  public static final String HELD_OUT = "held-out";

  /** Whether it fired for a household in the holdout (recipients written as control). */
  public boolean heldOut() {
    return FiringOutcome.FIRED.wireName().equals(outcome) && ArmAssigner.CONTROL.equals(arm);
  }
}
