package io.affinity.campaigns.singlemail;

/**
 * An SMTP reply or error text made fit for a problem document: one line, at most 300 characters.
 */
final class SafeText {
  private SafeText() {}

  static String of(String text) {
    if (text == null) {
      return "";
    }
    String s = text.replaceAll("\\s+", " ").trim();
    return s.length() > 300 ? s.substring(0, 300) : s;
  }
}
