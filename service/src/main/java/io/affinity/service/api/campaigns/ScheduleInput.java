package io.affinity.service.api.campaigns;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A new start time for a draft or scheduled campaign.
 *
 * @param scheduledAt when to start sending (ISO-8601); null for at launch (a draft) or at once (a
 *     scheduled campaign)
 */
@Serdeable
public record ScheduleInput(@Nullable Instant scheduledAt) {}
