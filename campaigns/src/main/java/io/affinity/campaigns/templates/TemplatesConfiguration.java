package io.affinity.campaigns.templates;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Where the shipped templates are, how templates format prices and dates, and how long and how
 * large one message's rendering may get: {@code affinity.templates}.
 */
@ConfigurationProperties(TemplatesConfiguration.PREFIX)
public class TemplatesConfiguration {
  public static final String PREFIX = "affinity.templates";
  public static final String DEFAULT_DEFAULTS_DIR = "templates";
  public static final String DEFAULT_CURRENCY = "EUR";
  public static final String DEFAULT_LOCALE = "en-GB";
  public static final String DEFAULT_TIME_ZONE = "UTC";
  public static final int DEFAULT_RECOMMENDATIONS = 6;
  public static final int DEFAULT_OFFERS = 3;
  public static final int DEFAULT_MAX_PER_CATEGORY = 0;
  public static final Duration DEFAULT_RENDER_TIMEOUT = Duration.ofSeconds(2);
  public static final long DEFAULT_MAX_OUTPUT = 1024 * 1024;

  private String defaultsDir = DEFAULT_DEFAULTS_DIR;
  private boolean loadDefaults = true;
  private String currency = DEFAULT_CURRENCY;
  private String locale = DEFAULT_LOCALE;
  private String timeZone = DEFAULT_TIME_ZONE;
  private int recommendations = DEFAULT_RECOMMENDATIONS;
  private int offers = DEFAULT_OFFERS;
  private int maxPerCategory = DEFAULT_MAX_PER_CATEGORY;
  private Duration renderTimeout = DEFAULT_RENDER_TIMEOUT;
  private long maxOutput = DEFAULT_MAX_OUTPUT;

  /**
   * The folder of the shipped templates ({@code index.txt} lists their keys); when it does not
   * exist, {@code templates/} on the classpath is tried.
   */
  public String getDefaultsDir() {
    return defaultsDir;
  }

  public void setDefaultsDir(String defaultsDir) {
    this.defaultsDir = defaultsDir;
  }

  /** Whether missing shipped templates are added to the database at startup. */
  public boolean isLoadDefaults() {
    return loadDefaults;
  }

  public void setLoadDefaults(boolean loadDefaults) {
    this.loadDefaults = loadDefaults;
  }

  /** The ISO 4217 currency {@code fmt.price} shows. */
  public String getCurrency() {
    return currency;
  }

  public void setCurrency(String currency) {
    this.currency = currency;
  }

  /** The BCP 47 language tag numbers and dates are formatted for. */
  public String getLocale() {
    return locale;
  }

  public void setLocale(String locale) {
    this.locale = locale;
  }

  /** The time zone dates are shown in. */
  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  /** How many recommendations a message's model holds. */
  public int getRecommendations() {
    return recommendations;
  }

  public void setRecommendations(int recommendations) {
    this.recommendations = recommendations;
  }

  /** How many cross-sell and how many upsell offers a message's model holds. */
  public int getOffers() {
    return offers;
  }

  public void setOffers(int offers) {
    this.offers = offers;
  }

  /**
   * The diversity rule: at most this many products of one category (the full path) in one message,
   * all its blocks together; 0 (the default) for no limit.
   */
  public int getMaxPerCategory() {
    return maxPerCategory;
  }

  /**
   * Sets the diversity rule.
   *
   * @throws IllegalArgumentException if negative
   */
  public void setMaxPerCategory(int maxPerCategory) {
    if (maxPerCategory < 0) {
      throw new IllegalArgumentException(
          PREFIX + ".max-per-category must be 0 (no limit) or more, got " + maxPerCategory);
    }
    this.maxPerCategory = maxPerCategory;
  }

  /**
   * How long rendering one message (subject, HTML and text together) may take before it is stopped
   * and fails.
   */
  public Duration getRenderTimeout() {
    return renderTimeout;
  }

  public void setRenderTimeout(Duration renderTimeout) {
    this.renderTimeout = renderTimeout;
  }

  /** How many bytes (UTF-8) one message's rendered parts may have together. */
  public long getMaxOutput() {
    return maxOutput;
  }

  public void setMaxOutput(long maxOutput) {
    this.maxOutput = maxOutput;
  }

  /** The render limits these settings give. */
  public RenderLimits limits() {
    return new RenderLimits(renderTimeout, maxOutput);
  }
}
