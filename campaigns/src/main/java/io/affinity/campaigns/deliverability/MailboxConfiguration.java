package io.affinity.campaigns.deliverability;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The bounce mailbox, under {@code affinity.deliverability.mailbox}: where DSNs and ARF reports
 * sent to the return path arrive. With no {@code host} (the default) nothing is polled.
 */
@ConfigurationProperties(MailboxConfiguration.PREFIX)
public class MailboxConfiguration {
  public static final String PREFIX = "affinity.deliverability.mailbox";

  /** Processed messages are deleted. */
  public static final String DELETE = "delete";

  /** Processed messages are moved to {@link #getProcessedFolder()} (IMAP only). */
  public static final String MOVE = "move";

  private static final Set<String> PROTOCOLS = Set.of("imap", "pop3");

  private String protocol = "imap";
  private String host;
  private int port = -1;
  private String username;
  private String password;
  private String folder = "INBOX";
  private boolean ssl;
  private Duration pollInterval = Duration.ofMinutes(5);
  private String processed = DELETE;
  private String processedFolder = "Processed";
  private String unprocessedFolder;
  private Duration timeout = Duration.ofSeconds(30);

  /** Whether a host is configured, so that the mailbox is polled at all. */
  public boolean isEnabled() {
    return host != null;
  }

  /** {@code imap} (the default) or {@code pop3}. */
  public String getProtocol() {
    return protocol;
  }

  public void setProtocol(String protocol) {
    String p = protocol == null ? "imap" : protocol.trim().toLowerCase(Locale.ROOT);
    if (!PROTOCOLS.contains(p)) {
      throw new IllegalArgumentException(
          PREFIX + ".protocol must be imap or pop3, got '" + p + "'");
    }
    this.protocol = p;
  }

  /**
   * The Jakarta Mail store protocol: {@code imap}, {@code imaps}, {@code pop3} or {@code pop3s}.
   */
  public String storeProtocol() {
    return ssl ? protocol + "s" : protocol;
  }

  /** The mail server; none (the default) turns polling off. */
  public @Nullable String getHost() {
    return host;
  }

  public void setHost(@Nullable String host) {
    this.host = host == null || host.isBlank() ? null : host.trim();
  }

  /** The port; the protocol's default when unset. */
  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  /** The mailbox user. */
  public @Nullable String getUsername() {
    return username;
  }

  public void setUsername(@Nullable String username) {
    this.username = username;
  }

  /** The mailbox password. */
  public @Nullable String getPassword() {
    return password;
  }

  public void setPassword(@Nullable String password) {
    this.password = password;
  }

  /** The folder reports arrive in (INBOX). */
  public String getFolder() {
    return folder;
  }

  public void setFolder(String folder) {
    this.folder = folder;
  }

  /** Whether to connect with TLS from the start (IMAPS 993, POP3S 995). */
  public boolean isSsl() {
    return ssl;
  }

  public void setSsl(boolean ssl) {
    this.ssl = ssl;
  }

  /** How often the mailbox is read (5 minutes). */
  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  /** What becomes of a processed message: {@code delete} (the default) or {@code move}. */
  public String getProcessed() {
    return processed;
  }

  public void setProcessed(String processed) {
    String p = processed == null ? DELETE : processed.trim().toLowerCase(Locale.ROOT);
    if (!p.equals(DELETE) && !p.equals(MOVE)) {
      throw new IllegalArgumentException(
          PREFIX + ".processed must be delete or move, got '" + p + "'");
    }
    this.processed = p;
  }

  /** Where processed messages are moved to with {@code processed: move} (Processed). */
  public String getProcessedFolder() {
    return processedFolder;
  }

  public void setProcessedFolder(String processedFolder) {
    this.processedFolder = processedFolder;
  }

  /**
   * Where messages that are no report we can read are moved (IMAP); unset, they stay where they
   * are. Never deleted.
   */
  public @Nullable String getUnprocessedFolder() {
    return unprocessedFolder;
  }

  public void setUnprocessedFolder(@Nullable String unprocessedFolder) {
    this.unprocessedFolder =
        unprocessedFolder == null || unprocessedFolder.isBlank() ? null : unprocessedFolder.trim();
  }

  /** Connect and read timeout. */
  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }
}
