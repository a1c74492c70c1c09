package io.affinity.service.tracking;

/**
 * The small HTML pages of the unsubscribe link: self-contained (no external resources), readable on
 * a 390 px wide phone, and escaping everything they show ({@link #escape(String)}).
 */
final class TrackingPages {
  private TrackingPages() {}

  static final String DONE =
      page("Unsubscribed", "<p>You are unsubscribed and will not receive these e-mails again.</p>");

  static final String PREVIEW =
      page(
          "Preview",
          "<p class=\"note\" role=\"note\">This is a preview link: nothing was changed.</p>");

  static final String INVALID =
      page("Link not valid", "<p>This link is not valid. Nothing was changed.</p>");

  static final String BAD_REQUEST =
      page(
          "Not understood",
          "<p>The form was not understood. Nothing was changed.</p>"
              + "<p>A one-click unsubscribe sends exactly <code>List-Unsubscribe=One-Click</code>."
              + " To choose, please <a href=\"\">open the page again</a>.</p>");

  private static final String STYLE =
      "body{font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;margin:0;"
          + "padding:16px;color:#1a1a1a;background:#fff}"
          + "main{max-width:36rem;margin:0 auto}"
          + "h1{font-size:1.5rem}h2{font-size:1.15rem;margin:0 0 4px}"
          + "section{border-top:1px solid #bbb;padding:12px 0 16px}"
          + "button{font:inherit;min-height:44px;padding:8px 16px;width:100%;max-width:22rem;"
          + "border:2px solid #1a1a1a;border-radius:4px;background:#f2f2f2;color:#1a1a1a;"
          + "cursor:pointer}"
          + "button:focus,input:focus{outline:3px solid #1d5fbf;outline-offset:2px}"
          + "fieldset{border:0;margin:0 0 12px;padding:0}legend{font-weight:bold;padding:0}"
          + "label{display:block;padding:6px 0}"
          + "input[type=radio]{width:20px;height:20px;margin:0 8px 0 0;vertical-align:middle}"
          + ".note{background:#fff4d6;padding:8px 12px}.done{background:#e3f2e6;padding:8px 12px}";

  /** A whole page; {@code title} is plain text (escaped here), {@code body} is HTML. */
  static String page(String title, String body) {
    String t = escape(title);
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex\"><title>"
        + t
        + "</title><style>"
        + STYLE
        + "</style></head><body><main><h1>"
        + t
        + "</h1>"
        + body
        + "</main></body></html>";
  }

  /** {@code text} safe in HTML text and in double-quoted attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
