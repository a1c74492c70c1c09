package io.affinity.campaigns.triggers;

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
    @Nullable Long assignmentSeed) {}
