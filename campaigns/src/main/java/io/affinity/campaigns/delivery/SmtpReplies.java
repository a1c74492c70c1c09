package io.affinity.campaigns.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Classifies a failed send by the SMTP reply code found in the exception chain: 4xx is temporary,
 * 5xx permanent. A failure without a reply code (the connection broke, a timeout) is unknown: the
 * server may have accepted the message before the connection dropped, so it must not be resent.
 *
 * <p>The outcome's detail is the reply text without its code: the code travels in {@link
 * SendOutcome#code()} and the callers write "code detail" (a detail that kept the code read "550
 * 550 5.1.1 ..." in the recipient's row).
 */
final class SmtpReplies {
  private SmtpReplies() {}

  static SendOutcome classify(MessagingException e) {
    for (Exception x = e; x != null; x = next(x)) {
      int code = code(x);
      if (code >= 400 && code < 500) {
        return new SendOutcome(SendOutcome.Kind.TEMPORARY, code, reply(x, code));
      }
      if (code >= 500 && code < 600) {
        return new SendOutcome(SendOutcome.Kind.PERMANENT, code, reply(x, code));
      }
    }
    return new SendOutcome(SendOutcome.Kind.UNKNOWN, 0, text(e));
  }

  private static int code(Exception x) {
    if (x instanceof SMTPSendFailedException s) {
      return s.getReturnCode();
    }
    if (x instanceof SMTPAddressFailedException a) {
      return a.getReturnCode();
    }
    return 0;
  }

  private static Exception next(Exception x) {
    if (x instanceof SendFailedException s && s.getNextException() != null) {
      return s.getNextException();
    }
    if (x instanceof MessagingException m && m.getNextException() != null) {
      return m.getNextException();
    }
    return null;
  }

  /**
   * The server's reply in {@code x} without the code {@code code} that starts each of its lines
   * ({@code 550-5.1.1 ...} on all but the last line of a multi-line reply, {@code 550 5.1.1 ...}).
   */
  static String reply(Exception x, int code) {
    String m = x.getMessage();
    if (m == null) {
      return text(x);
    }
    Pattern prefix = Pattern.compile("(?m)^\\s*" + code + "(?:[ -]|$)");
    return text(prefix.matcher(m).replaceAll(""), x);
  }

  private static String text(Exception x) {
    return text(x.getMessage(), x);
  }

  private static String text(String message, Exception x) {
    String m = message == null ? x.getClass().getSimpleName() : message;
    m = m.replaceAll("\\s+", " ").trim();
    return m.length() > 400 ? m.substring(0, 400) : m;
  }
}
