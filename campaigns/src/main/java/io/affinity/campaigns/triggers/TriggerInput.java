package io.affinity.campaigns.triggers;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * A trigger as a client sends it; checked by {@link TriggerValidator}.
 *
 * @param name what marketers call it
 * @param categoryPrefix fires on a purchase in this category or below it ('Home' matches
 *     'Home/Kitchen'); give this or {@code productId}
 * @param productId fires on a purchase of this product (the shop's id)
 * @param delayMinutes minutes from the purchase until the message is due (default 0)
 * @param templateId the template of the message
 * @param fromAddress the sender's address
 * @param fromName the sender's display name
 * @param audience {@code others} (default) or {@code primary}
 * @param includeBuyer whether the buyer is addressed too (default false)
 * @param householdCap at most this many firings per household in {@code householdCapDays} (default
 *     1)
 * @param householdCapDays the household cap's window in days, also the length of each of the
 *     trigger's campaigns (default 30)
 * @param customerCapDays a customer gets at most one message of the trigger in this many days
 *     (default the household cap's window)
 * @param cooldownHours no firing for a household within this many hours of its last (default 0)
 * @param holdoutPercent the share of households held out as control (default 10)
 * @param attributionDays the lift report's attribution window (default 14)
 * @param assignmentSeed the seed of the holdout draw (default random)
 * @param topic what its messages are about (e.g. {@code household}): members who left the topic are
 *     not addressed; null for general marketing
 */
@Serdeable
@Introspected
public record TriggerInput(
    @Nullable String name,
    @Nullable String categoryPrefix,
    @Nullable String productId,
    @Nullable Integer delayMinutes,
    @Nullable Long templateId,
    @Nullable String fromAddress,
    @Nullable String fromName,
    @Nullable String audience,
    @Nullable Boolean includeBuyer,
    @Nullable Integer householdCap,
    @Nullable Integer householdCapDays,
    @Nullable Integer customerCapDays,
    @Nullable Integer cooldownHours,
    @Nullable BigDecimal holdoutPercent,
    @Nullable Integer attributionDays,
    @Nullable Long assignmentSeed,
    @Nullable String topic) {

  /** The canonical constructor, the one JSON binds to. */
  @Creator
  public TriggerInput {}

  /** A trigger without a topic (general marketing). */
  public TriggerInput(
      String name,
      String categoryPrefix,
      String productId,
      Integer delayMinutes,
      Long templateId,
      String fromAddress,
      String fromName,
      String audience,
      Boolean includeBuyer,
      Integer householdCap,
      Integer householdCapDays,
      Integer customerCapDays,
      Integer cooldownHours,
      BigDecimal holdoutPercent,
      Integer attributionDays,
      Long assignmentSeed) {
    this(
        name,
        categoryPrefix,
        productId,
        delayMinutes,
        templateId,
        fromAddress,
        fromName,
        audience,
        includeBuyer,
        householdCap,
        householdCapDays,
        customerCapDays,
        cooldownHours,
        holdoutPercent,
        attributionDays,
        assignmentSeed,
        null);
  }

  /** This input with {@code topic}. */
  public TriggerInput withTopic(String topic) {
    return new TriggerInput(
        name,
        categoryPrefix,
        productId,
        delayMinutes,
        templateId,
        fromAddress,
        fromName,
        audience,
        includeBuyer,
        householdCap,
        householdCapDays,
        customerCapDays,
        cooldownHours,
        holdoutPercent,
        attributionDays,
        assignmentSeed,
        topic);
  }
}
