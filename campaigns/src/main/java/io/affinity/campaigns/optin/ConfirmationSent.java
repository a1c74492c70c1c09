package io.affinity.campaigns.optin;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A confirmation e-mail that the SMTP server accepted.
 *
 * @param customerId the shop's id of the customer
 * @param confirmationId the request's id (the ledger's evidence once confirmed)
 * @param messageId the e-mail's Message-ID
 * @param sentAt when it was sent
 * @param expiresAt until when its link works
 */
@Serdeable
public record ConfirmationSent(
    String customerId, long confirmationId, String messageId, Instant sentAt, Instant expiresAt) {}
