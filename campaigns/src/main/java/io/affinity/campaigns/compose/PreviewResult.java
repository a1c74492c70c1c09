package io.affinity.campaigns.compose;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A template rendered for one customer, with preview links that track nothing.
 *
 * @param customerId the shop's id of the customer
 */
@Serdeable
public record PreviewResult(
    long templateId,
    int version,
    String customerId,
    String subject,
    String html,
    String text,
    String unsubscribeUrl) {}
