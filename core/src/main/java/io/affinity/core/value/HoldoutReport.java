package io.affinity.core.value;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * How well BG/NBD and Gamma-Gamma, fitted on the events before a cut-off, predicted the purchases
 * of the period after it, per customer of the calibration period.
 *
 * @param customers buyers of the calibration period (the ones predicted)
 * @param actualPurchases total purchase days in the holdout
 * @param predictedPurchases total predicted purchase days
 * @param maePurchases mean absolute error per customer, purchase days
 * @param rmsePurchases root mean squared error per customer
 * @param naiveMaePurchases the same error of a naive forecast: each customer repeats the purchase
 *     days of the period of equal length before the cut-off
 * @param actualSpend net revenue in the holdout of those customers
 * @param predictedSpend predicted revenue (expected purchase days times expected spend)
 * @param maeSpend mean absolute error per customer, revenue
 * @param deciles customers by predicted purchases, highest decile first
 */
public record HoldoutReport(
    Instant cutoff,
    Instant end,
    double horizonDays,
    int customers,
    @Nullable BgNbd bgNbd,
    @Nullable GammaGamma gammaGamma,
    double actualPurchases,
    double predictedPurchases,
    double maePurchases,
    double rmsePurchases,
    double naiveMaePurchases,
    double actualSpend,
    double predictedSpend,
    double maeSpend,
    List<Decile> deciles) {

  /**
   * One tenth of the customers, by predicted purchases.
   *
   * @param decile 1 for the highest predictions
   */
  public record Decile(
      int decile,
      int customers,
      double meanPredicted,
      double meanActual,
      double meanPredictedSpend,
      double meanActualSpend) {}
}
