package io.affinity.core.value;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Customer value across the base: how concentrated revenue is and how big each RFM segment is.
 *
 * @param buyers customers with at least one purchase
 * @param revenue their net revenue
 * @param topDecileRevenueShare the share of net revenue of the top 10% of buyers by revenue
 * @param segments every RFM segment, largest revenue first (a segment without customers shows 0)
 * @param unscored buyers without a segment yet (bought since the last full run, or none ran)
 * @param asOf the as-of time of the last full run, if any
 * @param bgNbd the last full run's purchase model, if fitted
 * @param gammaGamma the last full run's spend model, if fitted
 */
@Serdeable
public record ValueSummary(
    long buyers,
    BigDecimal revenue,
    double topDecileRevenueShare,
    List<Segment> segments,
    long unscored,
    @Nullable BigDecimal predictedClv12m,
    @Nullable Instant asOf,
    @Nullable BgNbd bgNbd,
    @Nullable GammaGamma gammaGamma) {

  /**
   * One RFM segment.
   *
   * @param customerShare its share of buyers, 0 to 1
   * @param revenueShare its share of net revenue, 0 to 1
   * @param predictedClv12m the sum of its members' predicted 12-month value
   */
  @Serdeable
  public record Segment(
      String segment,
      long customers,
      double customerShare,
      BigDecimal revenue,
      double revenueShare,
      @Nullable BigDecimal predictedClv12m) {}
}
