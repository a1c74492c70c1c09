package io.affinity.campaigns.lift;

/**
 * What one arm of a campaign did in its attribution window, as sums over its recipients: enough for
 * every statistic of the lift report without holding one value per recipient.
 *
 * <p>{@code revenue} is a recipient's purchase revenue in the window (0 if they bought nothing);
 * {@code pre} is their spend in the equally long period before the window, the CUPED covariate (all
 * zero when not asked for).
 *
 * @param recipients recipients in the arm
 * @param conversions recipients with at least one purchase in the window
 * @param orders distinct orders in the window
 * @param revenueSum sum of revenue
 * @param revenueSumSq sum of squared revenue
 * @param preSum sum of pre-period spend
 * @param preSumSq sum of squared pre-period spend
 * @param preRevenueSum sum of pre-period spend times revenue
 */
public record ArmSummary(
    long recipients,
    long conversions,
    long orders,
    double revenueSum,
    double revenueSumSq,
    double preSum,
    double preSumSq,
    double preRevenueSum) {

  public ArmSummary {
    if (recipients < 0 || conversions < 0 || conversions > recipients || orders < conversions) {
      throw new IllegalArgumentException(
          "inconsistent arm: recipients="
              + recipients
              + ", conversions="
              + conversions
              + ", orders="
              + orders);
    }
  }

  /** An arm without a pre-period covariate. */
  public static ArmSummary of(
      long recipients, long conversions, long orders, double revenueSum, double revenueSumSq) {
    return new ArmSummary(recipients, conversions, orders, revenueSum, revenueSumSq, 0, 0, 0);
  }

  /** An arm with no recipients. */
  public static ArmSummary empty() {
    return of(0, 0, 0, 0, 0);
  }

  /** Both arms' recipients together (variants pooled into one treatment, say). */
  public ArmSummary plus(ArmSummary o) {
    return new ArmSummary(
        recipients + o.recipients,
        conversions + o.conversions,
        orders + o.orders,
        revenueSum + o.revenueSum,
        revenueSumSq + o.revenueSumSq,
        preSum + o.preSum,
        preSumSq + o.preSumSq,
        preRevenueSum + o.preRevenueSum);
  }

  /** Conversions per recipient; NaN without recipients. */
  public double conversionRate() {
    return recipients == 0 ? Double.NaN : (double) conversions / recipients;
  }

  /** Mean revenue per recipient; NaN without recipients. */
  public double revenuePerRecipient() {
    return recipients == 0 ? Double.NaN : revenueSum / recipients;
  }

  /** Sample variance (n - 1) of revenue per recipient; NaN below two recipients. */
  public double revenueVariance() {
    return sampleCovariance(revenueSum, revenueSum, revenueSumSq);
  }

  /** Revenue per order; NaN without orders. */
  public double averageOrderValue() {
    return orders == 0 ? Double.NaN : revenueSum / orders;
  }

  /** Mean pre-period spend. */
  double preMean() {
    return recipients == 0 ? Double.NaN : preSum / recipients;
  }

  /** Sample variance of pre-period spend. */
  double preVariance() {
    return sampleCovariance(preSum, preSum, preSumSq);
  }

  /** Sample covariance of pre-period spend and revenue. */
  double preRevenueCovariance() {
    return sampleCovariance(preSum, revenueSum, preRevenueSum);
  }

  private double sampleCovariance(double sumX, double sumY, double sumXy) {
    if (recipients < 2) {
      return Double.NaN;
    }
    // Sums of squares minus the square of sums: exact enough for money amounts over millions of
    // recipients in double (sums stay far below 2^53 cents' worth of relative error).
    double v = (sumXy - sumX * sumY / recipients) / (recipients - 1);
    return sumX == sumY && v < 0 ? 0 : v;
  }
}
