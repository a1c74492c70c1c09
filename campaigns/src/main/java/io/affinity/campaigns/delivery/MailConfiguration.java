package io.affinity.campaigns.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How campaigns are sent, under {@code affinity.mail}. With no {@code host} sending is disabled:
 * campaigns can be created, but launching one is refused with a problem saying what to configure.
 */
@ConfigurationProperties(MailConfiguration.PREFIX)
public class MailConfiguration {
  public static final String PREFIX = "affinity.mail";
  public static final int DEFAULT_PORT = 25;
  public static final int DEFAULT_POOL_SIZE = 4;
  public static final double DEFAULT_RATE_PER_SECOND = 100;
  public static final int DEFAULT_BATCH_SIZE = 100;
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final Duration DEFAULT_WORKER_LEASE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private String host;
  private int port = DEFAULT_PORT;
  private String username;
  private String password;
  private boolean starttls;
  private boolean ssl;
  private String heloName;
  private int poolSize = DEFAULT_POOL_SIZE;
  private double ratePerSecond = DEFAULT_RATE_PER_SECOND;
  private int batchSize = DEFAULT_BATCH_SIZE;
  private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
  private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
  private Duration workerLease = DEFAULT_WORKER_LEASE;
  private Duration pollInterval = DEFAULT_POLL_INTERVAL;
  private Duration timeout = DEFAULT_TIMEOUT;
  private String messageIdDomain;
  private String returnPath;

  /** Whether a host is configured, so that campaigns can be sent at all. */
  public boolean isEnabled() {
    return host != null && !host.isBlank();
  }

  /** The SMTP server; none (the default) disables sending. */
  public @Nullable String getHost() {
    return host;
  }

  public void setHost(@Nullable String host) {
    this.host = blankToNull(host);
  }

  /** The SMTP port (25 by default; 587 for submission with STARTTLS, 465 for implicit TLS). */
  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  /** The user for SMTP AUTH; none for an unauthenticated relay. */
  public @Nullable String getUsername() {
    return username;
  }

  public void setUsername(@Nullable String username) {
    this.username = blankToNull(username);
  }

  /** The password for SMTP AUTH. */
  public @Nullable String getPassword() {
    return password;
  }

  public void setPassword(@Nullable String password) {
    this.password = blankToNull(password);
  }

  /** Whether to require STARTTLS after connecting. */
  public boolean isStarttls() {
    return starttls;
  }

  public void setStarttls(boolean starttls) {
    this.starttls = starttls;
  }

  /** Whether to connect with TLS from the start (SMTPS, port 465). */
  public boolean isSsl() {
    return ssl;
  }

  public void setSsl(boolean ssl) {
    this.ssl = ssl;
  }

  /** The name given in EHLO; the local host name when unset. */
  public @Nullable String getHeloName() {
    return heloName;
  }

  public void setHeloName(@Nullable String heloName) {
    this.heloName = heloName;
  }

  /** SMTP connections (and sending threads) per service instance. */
  public int getPoolSize() {
    return poolSize;
  }

  public void setPoolSize(int poolSize) {
    this.poolSize = Math.max(1, poolSize);
  }

  /** Messages per second this instance sends to the server at most (a token bucket). */
  public double getRatePerSecond() {
    return ratePerSecond;
  }

  public void setRatePerSecond(double ratePerSecond) {
    this.ratePerSecond = ratePerSecond > 0 ? ratePerSecond : DEFAULT_RATE_PER_SECOND;
  }

  /** Recipients a worker claims at once; a crash leaves at most this many per worker ambiguous. */
  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = Math.max(1, batchSize);
  }

  /** The wait before the first retry after a 4xx reply; it doubles with every attempt. */
  public Duration getRetryBackoff() {
    return retryBackoff;
  }

  public void setRetryBackoff(Duration retryBackoff) {
    this.retryBackoff = retryBackoff;
  }

  /** Attempts after which a recipient with only temporary failures is marked failed. */
  public int getMaxAttempts() {
    return maxAttempts;
  }

  public void setMaxAttempts(int maxAttempts) {
    this.maxAttempts = Math.max(1, maxAttempts);
  }

  /**
   * How long a worker may go without a heartbeat before its claimed recipients are reported
   * ambiguous.
   */
  public Duration getWorkerLease() {
    return workerLease;
  }

  public void setWorkerLease(Duration workerLease) {
    this.workerLease = workerLease;
  }

  /** How often an idle instance looks for campaigns to send. */
  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  /** Connect and read timeout of SMTP connections. */
  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  /** The domain of generated Message-IDs; the host part of the campaign's from address if unset. */
  public @Nullable String getMessageIdDomain() {
    return messageIdDomain;
  }

  public void setMessageIdDomain(@Nullable String messageIdDomain) {
    this.messageIdDomain = messageIdDomain;
  }

  /**
   * The bounce address, e.g. {@code bounces@shop.example}: when set, each campaign message's
   * envelope sender (SMTP MAIL FROM, where DSNs go; not the From header) is the VERP address {@code
   * bounces+<token>@shop.example}, the token naming the recipient row, signed ({@link
   * ReturnPaths}). Unset: the envelope sender is the From address.
   */
  public @Nullable String getReturnPath() {
    return returnPath;
  }

  public void setReturnPath(@Nullable String returnPath) {
    String p = blankToNull(returnPath);
    if (p != null && (p.indexOf('@') <= 0 || p.indexOf('@') != p.lastIndexOf('@'))) {
      throw new IllegalArgumentException(
          PREFIX + ".return-path must be an address such as bounces@shop.example, got '" + p + "'");
    }
    this.returnPath = p;
  }

  // An environment variable left empty in a sample file means "not set".
  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
