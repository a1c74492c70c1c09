package io.affinity.campaigns.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Classifies a failed send by the SMTP reply code found in the exception chain: 4xx is temporary,
 * 5xx permanent. A failure without a reply code (the connection broke, a timeout) is unknown: the
 * server may have accepted the message before the connection dropped, so it must not be resent.
 */
final class SmtpReplies {
  private SmtpReplies() {}

  static SendOutcome classify(MessagingException e) {
    for (Exception x = e; x != null; x = next(x)) {
      int code = code(x);
      if (code >= 400 && code < 500) {
        return new SendOutcome(SendOutcome.Kind.TEMPORARY, code, text(x));
      }
      if (code >= 500 && code < 600) {
        return new SendOutcome(SendOutcome.Kind.PERMANENT, code, text(x));
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

  private static String text(Exception x) {
    String m = x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage();
    m = m.replaceAll("\\s+", " ").trim();
    return m.length() > 400 ? m.substring(0, 400) : m;
  }
}
