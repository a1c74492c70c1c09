package io.affinity.campaigns.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/** A GreenMail SMTP server on a free port, with helpers to count what each address received. */
public final class GreenMailServer implements AutoCloseable {
  private final GreenMail mail;
  private final int port;

  public GreenMailServer() {
    this.port = freePort();
    this.mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
  }

  public int port() {
    return port;
  }

  public GreenMail mail() {
    return mail;
  }

  /** The messages received so far, counted by their To address (lower-case). */
  public Map<String, Integer> countsByRecipient() {
    Map<String, Integer> counts = new HashMap<>();
    for (Message m : mail.getReceivedMessages()) {
      try {
        for (var a : m.getRecipients(Message.RecipientType.TO)) {
          counts.merge(((InternetAddress) a).getAddress().toLowerCase(), 1, Integer::sum);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return counts;
  }

  @Override
  public void close() {
    mail.stop();
  }

  /** A port nothing listens on now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
