package io.affinity.campaigns.deliverability;

import io.micronaut.core.annotation.Nullable;

/**
 * The campaign recipient a report is about.
 *
 * @param recipientId the recipient row
 * @param campaignId its campaign
 * @param customerId our id of its customer
 * @param state its delivery state now
 * @param email the customer's address now, or null
 * @param matchedBy verp, message-id or address
 */
record RecipientMatch(
    long recipientId,
    long campaignId,
    long customerId,
    String state,
    @Nullable String email,
    String matchedBy) {}
