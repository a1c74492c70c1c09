package io.affinity.service.console.settings;

import io.affinity.campaigns.delivery.MailConfiguration;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Properties;

/**
 * Connects to the configured SMTP server, signs in if a user is configured, and disconnects: the
 * settings page's "check connection". It sends nothing, and its report never contains the password
 * (a server's reply that echoed it would have it masked).
 */
@Singleton
public class SmtpCheck {
  /** How long a check waits for the server, at most, per step. */
  static final int TIMEOUT_MILLIS = 10_000;

  /** What a check found: whether it connected, and what happened, in words. */
  public record Result(boolean ok, String message, long millis) {}

  private final MailConfiguration mail;

  public SmtpCheck(MailConfiguration mail) {
    this.mail = mail;
  }

  /** Runs the check; a missing host is a failed check saying so. */
  public Result run() {
    if (!mail.isEnabled()) {
      return new Result(
          false, "No SMTP host is configured (affinity.mail.host): sending is disabled.", 0);
    }
    long start = System.nanoTime();
    String protocol = mail.isSsl() ? "smtps" : "smtp";
    Transport t = null;
    try {
      t = Session.getInstance(properties(protocol)).getTransport(protocol);
      t.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
      long ms = (System.nanoTime() - start) / 1_000_000;
      String how =
          (mail.isSsl() ? " over TLS" : mail.isStarttls() ? " with STARTTLS" : "")
              + (mail.getUsername() != null ? ", signed in as " + mail.getUsername() : "");
      return new Result(
          true, "Connected to " + mail.getHost() + ":" + mail.getPort() + how + ".", ms);
    } catch (MessagingException | RuntimeException e) {
      long ms = (System.nanoTime() - start) / 1_000_000;
      return new Result(
          false,
          "Could not connect to " + mail.getHost() + ":" + mail.getPort() + ": " + mask(reason(e)),
          ms);
    } finally {
      if (t != null) {
        try {
          t.close();
        } catch (MessagingException e) {
          // Closing a connection that failed: nothing to report beyond the failure.
        }
      }
    }
  }

  private Properties properties(String protocol) {
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.setProperty(p + "connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
    props.setProperty(p + "timeout", String.valueOf(TIMEOUT_MILLIS));
    props.setProperty(p + "auth", String.valueOf(mail.getUsername() != null));
    if (mail.isStarttls()) {
      props.setProperty(p + "starttls.enable", "true");
      props.setProperty(p + "starttls.required", "true");
    }
    if (mail.getHeloName() != null) {
      props.setProperty(p + "localhost", mail.getHeloName());
    }
    return props;
  }

  private static String reason(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    Throwable cause = e.getCause();
    return cause != null && cause.getMessage() != null
        ? message + " (" + cause.getMessage().strip() + ")"
        : message;
  }

  private String mask(String text) {
    String password = mail.getPassword();
    return password == null || password.isEmpty() ? text : text.replace(password, "********");
  }
}
