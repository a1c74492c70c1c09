package io.affinity.service.api.lift;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How signed links to HTML lift reports are made.
 *
 * <pre>
 * affinity:
 *   reports:
 *     link-secret: ${REPORT_LINK_SECRET}   # at least 32 characters; random per start if unset
 *     link-ttl: 15m
 * </pre>
 */
@ConfigurationProperties(ReportLinkProperties.PREFIX)
public class ReportLinkProperties {
  /** Where this is configured. */
  public static final String PREFIX = "affinity.reports";

  /** How long a link stays valid unless configured. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

  private String linkSecret;
  private Duration linkTtl = DEFAULT_TTL;

  /**
   * The HMAC key of the links. Unset, a random key is drawn at start: links then die with the
   * process, and several nodes behind one address would not accept each other's links.
   */
  @Nullable
  public String getLinkSecret() {
    return linkSecret;
  }

  public void setLinkSecret(@Nullable String linkSecret) {
    this.linkSecret = linkSecret;
  }

  /** How long a link is valid after it was made. */
  public Duration getLinkTtl() {
    return linkTtl;
  }

  public void setLinkTtl(Duration linkTtl) {
    this.linkTtl = linkTtl;
  }
}
