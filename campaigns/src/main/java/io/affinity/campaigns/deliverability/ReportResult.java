package io.affinity.campaigns.deliverability;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What recording one report matched and did.
 *
 * @param kind hard-bounce, soft-bounce, complaint or delivered
 * @param provider where the report came from
 * @param address the address the report named, or the matched customer's
 * @param matchedBy how the recipient was found: verp, message-id or address; null if not found
 * @param campaignId the matched recipient's campaign
 * @param recipientId the matched recipient row
 * @param customers the shop's ids of the customers with the address
 * @param duplicate whether the same report had been recorded before (then nothing changed)
 * @param actions what was done, in words
 */
@Serdeable
public record ReportResult(
    String kind,
    String provider,
    @Nullable String address,
    @Nullable String matchedBy,
    @Nullable Long campaignId,
    @Nullable Long recipientId,
    List<String> customers,
    boolean duplicate,
    List<String> actions) {}
