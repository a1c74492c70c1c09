package io.affinity.recommender.offers;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.HashMap;
import java.util.Map;

/** Offer rules, under {@code affinity.offers}. */
@ConfigurationProperties(OfferConfiguration.PREFIX)
public class OfferConfiguration {
  public static final String PREFIX = "affinity.offers";
  public static final double DEFAULT_UPSELL_MIN_RATIO = 1.1;
  public static final double DEFAULT_UPSELL_MAX_RATIO = 2.0;
  public static final int DEFAULT_MAX_SHOWS = 3;
  public static final int DEFAULT_CAP_DAYS = 7;
  public static final int DEFAULT_IGNORED_AFTER_SHOWS = 5;
  public static final int DEFAULT_IGNORED_DAYS = 60;
  public static final double DEFAULT_IGNORED_WEIGHT = 0.25;
  public static final int DEFAULT_REPURCHASE_DAYS = 30;

  private double upsellMinRatio = DEFAULT_UPSELL_MIN_RATIO;
  private double upsellMaxRatio = DEFAULT_UPSELL_MAX_RATIO;
  private int maxShows = DEFAULT_MAX_SHOWS;
  private int capDays = DEFAULT_CAP_DAYS;
  private int ignoredAfterShows = DEFAULT_IGNORED_AFTER_SHOWS;
  private int ignoredDays = DEFAULT_IGNORED_DAYS;
  private double ignoredWeight = DEFAULT_IGNORED_WEIGHT;
  private int repurchaseDays = DEFAULT_REPURCHASE_DAYS;
  private Map<String, Integer> repurchaseDaysByCategory = new HashMap<>();
  private Double crossSellDiscountPercent;
  private Double upsellDiscountPercent;

  /** Upsell candidates cost at least this many times the original (default 1.1). */
  public double getUpsellMinRatio() {
    return upsellMinRatio;
  }

  public void setUpsellMinRatio(double upsellMinRatio) {
    this.upsellMinRatio = upsellMinRatio;
  }

  /** ... and at most this many times (default 2). */
  public double getUpsellMaxRatio() {
    return upsellMaxRatio;
  }

  public void setUpsellMaxRatio(double upsellMaxRatio) {
    this.upsellMaxRatio = upsellMaxRatio;
  }

  /** A customer sees the same offer at most this many times ... */
  public int getMaxShows() {
    return maxShows;
  }

  public void setMaxShows(int maxShows) {
    this.maxShows = maxShows;
  }

  /** ... in this many days. */
  public int getCapDays() {
    return capDays;
  }

  public void setCapDays(int capDays) {
    this.capDays = capDays;
  }

  /**
   * An offer shown to a customer at least this many times (default 5) in {@link #getIgnoredDays()}
   * without a click from them on the item is demoted for them: they have seen it and do not want
   * it.
   */
  public int getIgnoredAfterShows() {
    return ignoredAfterShows;
  }

  public void setIgnoredAfterShows(int ignoredAfterShows) {
    this.ignoredAfterShows = Math.max(1, ignoredAfterShows);
  }

  /** The window of shows and clicks that demotion looks at (default 60 days). */
  public int getIgnoredDays() {
    return ignoredDays;
  }

  public void setIgnoredDays(int ignoredDays) {
    this.ignoredDays = Math.max(1, ignoredDays);
  }

  /** What a demoted offer's expected value is multiplied by (default 0.25; 0 hides it). */
  public double getIgnoredWeight() {
    return ignoredWeight;
  }

  public void setIgnoredWeight(double ignoredWeight) {
    this.ignoredWeight = Math.min(1.0, Math.max(0.0, ignoredWeight));
  }

  /** No offers in a category the customer bought in within this many days (default 30). */
  public int getRepurchaseDays() {
    return repurchaseDays;
  }

  public void setRepurchaseDays(int repurchaseDays) {
    this.repurchaseDays = repurchaseDays;
  }

  /** Per-category repurchase windows (by any level of the path), overriding the default. */
  public Map<String, Integer> getRepurchaseDaysByCategory() {
    return repurchaseDaysByCategory;
  }

  public void setRepurchaseDaysByCategory(Map<String, Integer> repurchaseDaysByCategory) {
    this.repurchaseDaysByCategory = repurchaseDaysByCategory;
  }

  /** A discount attached to every cross-sell offer, if set. */
  public Double getCrossSellDiscountPercent() {
    return crossSellDiscountPercent;
  }

  public void setCrossSellDiscountPercent(Double crossSellDiscountPercent) {
    this.crossSellDiscountPercent = crossSellDiscountPercent;
  }

  /** A discount attached to every upsell offer, if set. */
  public Double getUpsellDiscountPercent() {
    return upsellDiscountPercent;
  }

  public void setUpsellDiscountPercent(Double upsellDiscountPercent) {
    this.upsellDiscountPercent = upsellDiscountPercent;
  }
}
