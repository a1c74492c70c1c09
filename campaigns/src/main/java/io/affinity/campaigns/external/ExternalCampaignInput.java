package io.affinity.campaigns.external;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A campaign sent by another tool, registered so that its lift can be reported from our events.
 *
 * @param name what the analyst calls it
 * @param startedAt when it was sent; every recipient's attribution window starts here
 * @param attributionDays how many days of purchases count (1 to 365)
 * @param variants the treatment arms' names as the CSV will give them; {@code control} is implied
 */
@Serdeable
public record ExternalCampaignInput(
    @Nullable String name,
    @Nullable Instant startedAt,
    @Nullable Integer attributionDays,
    @Nullable List<String> variants) {}
