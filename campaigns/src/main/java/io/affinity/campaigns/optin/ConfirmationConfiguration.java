package io.affinity.campaigns.optin;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Double opt-in confirmations, under {@code affinity.consent.confirmation}. */
@ConfigurationProperties(ConfirmationConfiguration.PREFIX)
public class ConfirmationConfiguration {
  public static final String PREFIX = "affinity.consent.confirmation";
  public static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);
  public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofMinutes(5);
  public static final String DEFAULT_SUBJECT = "Please confirm your subscription";

  private Duration expiry = DEFAULT_EXPIRY;
  private Duration resendInterval = DEFAULT_RESEND_INTERVAL;
  private String subject = DEFAULT_SUBJECT;

  /** How long a confirmation link works. */
  public Duration getExpiry() {
    return expiry;
  }

  public void setExpiry(Duration expiry) {
    this.expiry = expiry.isNegative() || expiry.isZero() ? DEFAULT_EXPIRY : expiry;
  }

  /**
   * The least time between two confirmation e-mails to one customer: a shop's retry loop or a
   * mistaken script must not turn the endpoint into a way to flood someone's mailbox.
   */
  public Duration getResendInterval() {
    return resendInterval;
  }

  public void setResendInterval(Duration resendInterval) {
    this.resendInterval = resendInterval.isNegative() ? Duration.ZERO : resendInterval;
  }

  /** The subject of the confirmation e-mail. */
  public String getSubject() {
    return subject;
  }

  public void setSubject(String subject) {
    this.subject = subject == null || subject.isBlank() ? DEFAULT_SUBJECT : subject.strip();
  }
}
