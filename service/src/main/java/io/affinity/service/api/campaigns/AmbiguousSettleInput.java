package io.affinity.service.api.campaigns;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An operator's request to record ambiguous recipients as sent.
 *
 * @param recipientIds only these recipient rows (1 to 10,000); omitted: every ambiguous recipient
 *     of the campaign
 */
@Serdeable
public record AmbiguousSettleInput(@Nullable List<Long> recipientIds) {}
