package io.affinity.campaigns.triggers;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * A stored trigger (see {@link TriggerInput} for what the fields mean).
 *
 * @param id our id
 * @param name its name
 * @param categoryPrefix the category condition, or null
 * @param productId the product condition (the shop's id), or null
 * @param delayMinutes minutes from purchase to due
 * @param templateId the template
 * @param fromAddress the sender's address
 * @param fromName the sender's display name, or null
 * @param audience others or primary
 * @param includeBuyer whether the buyer is addressed too
 * @param householdCap firings per household per window
 * @param householdCapDays the window in days
 * @param customerCapDays days between two messages to one customer
 * @param cooldownHours hours between two firings for one household
 * @param holdoutPercent the control share in percent
 * @param attributionDays the lift report's window
 * @param status active or paused
 * @param activeSince events received before this (epoch millis) are not evaluated
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param topic what its messages are about, or null for general marketing
 */
@Serdeable
public record Trigger(
    long id,
    String name,
    @Nullable String categoryPrefix,
    @Nullable String productId,
    int delayMinutes,
    long templateId,
    String fromAddress,
    @Nullable String fromName,
    String audience,
    boolean includeBuyer,
    int householdCap,
    int householdCapDays,
    int customerCapDays,
    int cooldownHours,
    BigDecimal holdoutPercent,
    int attributionDays,
    String status,
    long activeSince,
    long createdAt,
    long updatedAt,
    @Nullable String topic) {

  /** Milliseconds from a purchase to its message. */
  public long delayMillis() {
    return delayMinutes * 60_000L;
  }

  /** The length of one cap window (and campaign) in milliseconds. */
  public long windowMillis() {
    return householdCapDays * 86_400_000L;
  }
}
