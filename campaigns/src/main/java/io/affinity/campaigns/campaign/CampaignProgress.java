package io.affinity.campaigns.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * How far a campaign's delivery is.
 *
 * @param recipients all recipient rows, control included
 * @param states the number of recipients in each state (every state, zeros included)
 * @param ratePerSecond messages accepted per second over the last minute, all instances together
 * @param etaSeconds seconds until the pending recipients are sent at that rate; null when nothing
 *     is being sent or nothing is left
 */
@Serdeable
public record CampaignProgress(
    long recipients, Map<String, Long> states, double ratePerSecond, @Nullable Long etaSeconds) {}
