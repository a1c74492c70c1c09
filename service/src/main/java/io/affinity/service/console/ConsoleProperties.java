package io.affinity.service.console;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.http.cookie.SameSite;
import java.time.Duration;

/** How the console keeps its sessions ({@code affinity.console.*}). */
@ConfigurationProperties(ConsoleProperties.PREFIX)
public class ConsoleProperties {
  /** The configuration prefix. */
  public static final String PREFIX = "affinity.console";

  /** A session unused this long is signed out. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(8);

  /** At most this many signed-in sessions are kept; the least recently used goes first. */
  public static final long DEFAULT_MAX_SESSIONS = 10_000;

  private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
  private long maxSessions = DEFAULT_MAX_SESSIONS;
  private boolean secureCookie;
  private SameSite sameSite = SameSite.Lax;

  /** How long an unused session lives (default 8 hours). */
  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  public void setIdleTimeout(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
  }

  /** The most sessions kept at once (default 10,000). */
  public long getMaxSessions() {
    return maxSessions;
  }

  public void setMaxSessions(long maxSessions) {
    this.maxSessions = maxSessions;
  }

  /**
   * Whether the session cookie is {@code Secure} always (set it behind a TLS-terminating proxy); a
   * request that arrives over TLS itself gets a secure cookie anyway. Default false.
   */
  public boolean isSecureCookie() {
    return secureCookie;
  }

  public void setSecureCookie(boolean secureCookie) {
    this.secureCookie = secureCookie;
  }

  /** The session cookie's {@code SameSite} (default Lax: links from e-mail still open pages). */
  public SameSite getSameSite() {
    return sameSite;
  }

  public void setSameSite(SameSite sameSite) {
    this.sameSite = sameSite;
  }
}
