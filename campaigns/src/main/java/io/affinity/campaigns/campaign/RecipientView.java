package io.affinity.campaigns.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One recipient of a campaign, for an operator looking at what happened to it.
 *
 * @param id the recipient row's id
 * @param customerId the shop's id of the customer
 * @param email the customer's address now
 * @param arm the variant, or control
 * @param state the delivery state
 * @param attempts how many times sending was tried
 * @param claimedBy the worker that last claimed it
 * @param claimedAt when it was last claimed
 * @param sentAt when the server accepted it
 * @param messageId the Message-ID it was (or is being) sent with, kept for a resend
 * @param error why it was suppressed, capped, bounced, failed or is ambiguous
 * @param handedAt when its message was last handed to the SMTP server
 * @param resolution an operator's decision about it when it was ambiguous: {@code resend} or {@code
 *     settled}
 * @param resolvedBy who decided (the API key's name)
 * @param resolvedAt when
 */
@Serdeable
public record RecipientView(
    long id,
    @Nullable String customerId,
    @Nullable String email,
    String arm,
    String state,
    int attempts,
    @Nullable String claimedBy,
    @Nullable Instant claimedAt,
    @Nullable Instant sentAt,
    @Nullable String messageId,
    @Nullable String error,
    @Nullable Instant handedAt,
    @Nullable String resolution,
    @Nullable String resolvedBy,
    @Nullable Instant resolvedAt) {}
