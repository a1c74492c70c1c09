package io.affinity.campaigns.testsend;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A test message the SMTP server accepted.
 *
 * @param messageId its Message-ID
 * @param to where it went
 * @param subject its subject, {@code [TEST]} included
 * @param customerId the shop's id of the customer it was rendered for
 * @param templateId the template that rendered it
 * @param templateVersion the template's version
 * @param variant for a campaign, the variant rendered
 */
@Serdeable
public record TestSendResult(
    String messageId,
    String to,
    String subject,
    String customerId,
    long templateId,
    int templateVersion,
    @Nullable String variant) {}
