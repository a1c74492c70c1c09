package io.affinity.campaigns.deliverability;

import io.micronaut.core.annotation.Nullable;

/**
 * One report about one recipient of one message, as a provider or a mailbox gave it.
 *
 * @param kind hard or soft bounce, complaint, delivery
 * @param address the recipient's address, if the report names it
 * @param messageId the Message-ID header of our message, if the report quotes it
 * @param verpToken the token of the VERP return path the report came back to, if any
 * @param occurredAt when it happened as the report says, epoch millis
 * @param provider where it came from: generic, ses, postmark, mailgun, dsn, arf
 * @param providerEventId the provider's id of the event, if it has one (makes redelivery harmless)
 * @param detail the diagnostic (SMTP reply, bounce description, feedback type), if any
 */
public record DeliveryReport(
    ReportKind kind,
    @Nullable String address,
    @Nullable String messageId,
    @Nullable String verpToken,
    long occurredAt,
    String provider,
    @Nullable String providerEventId,
    @Nullable String detail) {}
