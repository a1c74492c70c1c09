package io.affinity.campaigns.lift;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Treatment against control in one group (overall, one variant or one segment).
 *
 * @param group {@code all}, a variant name or an RFM segment
 * @param treatment the treatment arm's figures
 * @param control the control arm's figures
 * @param conversion the conversion lift, null when an arm is empty
 * @param revenuePerRecipient the revenue lift, null when an arm has fewer than two recipients
 * @param warnings what a reader must know before trusting the figures
 */
@Serdeable
public record Comparison(
    String group,
    ArmFigures treatment,
    ArmFigures control,
    @Nullable ConversionLift conversion,
    @Nullable RevenueLift revenuePerRecipient,
    List<String> warnings) {}
