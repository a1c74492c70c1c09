package io.affinity.campaigns.tracking;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** Tracking links and bot rules, under {@code affinity.tracking}. */
@ConfigurationProperties(TrackingConfiguration.PREFIX)
public class TrackingConfiguration {
  public static final String PREFIX = "affinity.tracking";
  public static final String DEFAULT_BASE_URL = "http://localhost:8080";
  public static final int DEFAULT_BOT_WINDOW_SECONDS = 10;

  private String secret;
  private String baseUrl = DEFAULT_BASE_URL;
  private String shopUrl;
  private String preferencesUrl;
  private int botWindowSeconds = DEFAULT_BOT_WINDOW_SECONDS;
  private List<String> scannerPatterns = BotRules.DEFAULT_SCANNER_PATTERNS;

  /**
   * The HMAC key of tracking tokens (at least 16 characters). When unset, one is generated once and
   * kept in {@code <data-dir>/tracking.secret}, so that links survive restarts.
   */
  @Nullable
  public String getSecret() {
    return secret;
  }

  public void setSecret(@Nullable String secret) {
    this.secret = secret;
  }

  /** Where the tracking endpoints ({@code /t/...}) are reachable from a mail client. */
  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = stripSlash(baseUrl);
  }

  /**
   * Where a click goes when the item has no product URL or the token is not valid; the base URL
   * when unset.
   */
  public String getShopUrl() {
    return shopUrl != null ? shopUrl : baseUrl;
  }

  public void setShopUrl(@Nullable String shopUrl) {
    this.shopUrl = shopUrl == null ? null : stripSlash(shopUrl);
  }

  /**
   * The shop's own preference centre; the preference link gets {@code ?token=...} appended. When
   * unset, the preference link opens our unsubscribe page.
   */
  @Nullable
  public String getPreferencesUrl() {
    return preferencesUrl;
  }

  public void setPreferencesUrl(@Nullable String preferencesUrl) {
    this.preferencesUrl = preferencesUrl;
  }

  /**
   * Opens and clicks this soon after the SMTP server accepted the message are flagged as probable
   * bots (security gateways fetch every link on delivery); 0 turns the rule off.
   */
  public int getBotWindowSeconds() {
    return botWindowSeconds;
  }

  public void setBotWindowSeconds(int botWindowSeconds) {
    this.botWindowSeconds = botWindowSeconds;
  }

  /**
   * Case-insensitive regular expressions over the User-Agent of link scanners; a hit from one is
   * flagged as a probable bot. Replaces the {@link BotRules#DEFAULT_SCANNER_PATTERNS defaults}.
   */
  public List<String> getScannerPatterns() {
    return scannerPatterns;
  }

  public void setScannerPatterns(List<String> scannerPatterns) {
    this.scannerPatterns = List.copyOf(scannerPatterns);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
