package io.affinity.service.api.campaigns;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An operator's request to send ambiguous recipients again.
 *
 * @param confirm must be {@code true}: a recipient whose first message was in fact accepted gets a
 *     second copy (with the same Message-ID)
 * @param recipientIds only these recipient rows (1 to 10,000); omitted: every ambiguous recipient
 *     of the campaign
 */
@Serdeable
public record AmbiguousResendInput(@Nullable Boolean confirm, @Nullable List<Long> recipientIds) {}
