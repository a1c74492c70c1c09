package io.affinity.campaigns.campaign;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What an operator's decision about a campaign's ambiguous recipients changed.
 *
 * @param campaignId the campaign
 * @param action {@code resend} (the rows are pending again and will be sent with their stored
 *     Message-ID) or {@code settled} (the rows are recorded as sent)
 * @param recipients how many ambiguous rows it changed
 * @param skipped how many of the ids asked for were not ambiguous rows of this campaign (0 when no
 *     ids were given)
 * @param status the campaign's status afterwards (a finished campaign runs again to resend)
 */
@Serdeable
public record AmbiguousResolution(
    long campaignId, String action, int recipients, int skipped, String status) {}
