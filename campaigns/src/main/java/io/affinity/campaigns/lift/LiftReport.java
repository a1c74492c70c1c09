package io.affinity.campaigns.lift;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A campaign's lift: treatment against control overall and per variant or segment, clicks per item,
 * and conversions over the window.
 *
 * @param campaign the campaign
 * @param cuped whether revenue figures are CUPED-adjusted by pre-campaign spend
 * @param by how {@code groups} splits the campaign: variant, rfm, or null
 * @param overall all variants pooled against control
 * @param groups each variant against control, or treatment against control per segment
 * @param clicks the most clicked items
 * @param daily cumulative conversions per day for treatment and control
 * @param generatedAt when the report was computed (epoch millis)
 */
@Serdeable
public record LiftReport(
    CampaignFacts campaign,
    boolean cuped,
    @Nullable String by,
    Comparison overall,
    List<Comparison> groups,
    List<ItemClicks> clicks,
    List<DailyConversions> daily,
    long generatedAt) {}
