package io.affinity.campaigns.testsend;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A test send: whose message, to where.
 *
 * @param customerId the shop's id of the customer whose message is rendered
 * @param to the address it goes to instead of theirs
 * @param variant for a campaign, the variant (arm) to render; the first one when omitted
 * @param version for a template, the version; the current one when omitted
 * @param fromAddress for a template, the sender; {@code affinity.mail.sender.address} when omitted
 * @param fromName for a template, the sender's display name
 */
@Serdeable
@Introspected
public record TestSendRequest(
    @Nullable String customerId,
    @Nullable String to,
    @Nullable String variant,
    @Nullable Integer version,
    @Nullable String fromAddress,
    @Nullable String fromName) {}
